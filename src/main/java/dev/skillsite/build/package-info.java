/**
 * The build as stage classes over one {@link dev.skillsite.build.BuildContext} (load, audit, index,
 * relate, health, render, export, swap: see {@link dev.skillsite.build.Stage}), run and timed by
 * {@link dev.skillsite.build.BuildPipeline}; a watching server's in-place refresh; progress and
 * timings.
 *
 * <p>May import: {@code audit}, {@code cache}, {@code check}, {@code content}, {@code discovery},
 * {@code markdown} (the spill file rendered markup waits in), {@code model}, {@code output}, {@code
 * routing}, {@code search}, {@code site}, {@code triggers}.
 */
package dev.skillsite.build;
