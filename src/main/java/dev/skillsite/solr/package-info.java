/**
 * SolrCloud beyond one machine: the configset and documents {@code export --solr} writes, and the
 * HTTP client {@code route --solr} asks a collection with; {@code solr.plugin} holds the analysis
 * chains as analyzers a Solr schema names.
 *
 * <p>May import: {@code model}, {@code routing}.
 */
package dev.skillsite.solr;
