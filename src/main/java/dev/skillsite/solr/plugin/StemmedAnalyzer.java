package dev.skillsite.solr.plugin;

import dev.skillsite.routing.Analysis;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;

/**
 * skillsite's {@code stemmed} chain ({@link Analysis#stemmed}) for a Solr schema: {@code <analyzer
 * class="…"/>}.
 */
public final class StemmedAnalyzer extends DelegatingAnalyzerWrapper {
  private final Analyzer chain = Analysis.stemmed();

  public StemmedAnalyzer() {
    super(GLOBAL_REUSE_STRATEGY);
  }

  @Override
  protected Analyzer getWrappedAnalyzer(String fieldName) {
    return chain;
  }
}
