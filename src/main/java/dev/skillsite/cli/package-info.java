/**
 * The picocli commands ({@code build}, {@code route}, {@code eval}, {@code check}, {@code serve},
 * {@code bench}): options, exit codes and what each prints. No logic of its own beyond wiring.
 *
 * <p>May import: {@code audit}, {@code build}, {@code cache} (where the cache folder is: the
 * resident builder's socket), {@code check}, {@code content}, {@code model}, {@code output}, {@code
 * routing}, {@code serve}, {@code site}, {@code solr}, {@code triggers}.
 */
package dev.skillsite.cli;
