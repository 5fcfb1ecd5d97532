/**
 * The export of the routing index for the in-browser search ({@code search/manifest.js}, term and
 * phrase chunks), which {@code assets/search-engine.js} reads to rank exactly as {@link
 * dev.skillsite.routing.Router} does.
 *
 * <p>May import: {@code routing}.
 */
package dev.skillsite.search;
