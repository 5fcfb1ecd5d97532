package dev.skillsite.solr.plugin;

import dev.skillsite.routing.Analysis;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;

/**
 * skillsite's {@code shingle} chain (two-word shingles) ({@link Analysis#shingled}) for a Solr
 * schema: {@code <analyzer class="…"/>}.
 */
public final class ShingleAnalyzer extends DelegatingAnalyzerWrapper {
  private final Analyzer chain = Analysis.shingled();

  public ShingleAnalyzer() {
    super(GLOBAL_REUSE_STRATEGY);
  }

  @Override
  protected Analyzer getWrappedAnalyzer(String fieldName) {
    return chain;
  }
}
