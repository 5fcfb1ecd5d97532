/**
 * {@code serve}: a static file server confined to the output folder, a watcher of the content and
 * templates, live reload, and rebuilds (in place for an edited skill, then whole).
 *
 * <p>May import: {@code build}, {@code cache}, {@code content}, {@code output}, {@code site}.
 */
package dev.skillsite.serve;
