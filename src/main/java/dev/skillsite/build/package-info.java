/**
 * The build as named stages over one catalog: load, triggers, index, relate, health, render,
 * export, swap; what the build cache keeps of the routing index and the search export; progress and
 * timings.
 *
 * <p>May import: {@code audit}, {@code cache}, {@code check}, {@code content}, {@code discovery},
 * {@code model}, {@code output}, {@code routing}, {@code search}, {@code site}, {@code triggers}.
 */
package dev.skillsite.build;
