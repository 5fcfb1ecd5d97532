/**
 * The Lucene routing index and the router: analysis chains, the background word model, BM25 over
 * the index's fields, the calibrated confidence and abstention, explicit invocation, the matched
 * phrase, similar skills; {@code eval} query sets under {@code routing.eval}.
 *
 * <p>May import: {@code content}, {@code model}, {@code output} (a patch's state synced with the
 * site's files: {@code FileSystemSync}), {@code triggers}.
 */
package dev.skillsite.routing;
