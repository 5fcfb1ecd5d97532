/**
 * The build cache a build leaves in its output folder ({@link BuildCache#FOLDER}) for the next one:
 * where each part lives, the one key scheme they share ({@link CacheKey}: the code that wrote them,
 * then what they were made of), the routing index and what was asked of it ({@link IndexAnswers}),
 * the browser search export ({@link SearchExportCache}). The rendered documents' codec stays beside
 * the documents in {@code site} (their memo records are rendering internals) but takes its path and
 * key from here.
 *
 * <p>May import: {@code audit}, {@code model}, {@code output}, {@code routing}, {@code search}.
 */
package dev.skillsite.cache;
