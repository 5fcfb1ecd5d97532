package dev.skillsite.solr.plugin;

import dev.skillsite.routing.Bm25;

/**
 * skillsite's BM25 for a Solr schema ({@code <similarity class="…"/>}): k1 1.2, b 0.75 and the
 * average field length on skillsite's grid ({@link Bm25#averageLength}), so that a collection's
 * scores are the local router's bit for bit. Solr's own {@code BM25SimilarityFactory} would use the
 * exact average.
 */
public final class Bm25Similarity extends Bm25.Similarity {}
