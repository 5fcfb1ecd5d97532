/**
 * The rules behind {@code check} and its report: spec lint per agent target, references, trigger
 * collisions and unreachable skills (probed with the site's own router), description lint, the
 * listing budget; text, JSON and GitHub annotation output.
 *
 * <p>May import: {@code audit}, {@code content}, {@code markdown}, {@code model}, {@code output},
 * {@code routing}, {@code triggers}.
 */
package dev.skillsite.check;
