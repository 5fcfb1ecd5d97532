package dev.skillsite.solr.plugin;

import dev.skillsite.routing.Analysis;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;

/**
 * skillsite's {@code light} chain (plural stemming only) ({@link Analysis#light}) for a Solr
 * schema: {@code <analyzer class="…"/>}.
 */
public final class LightAnalyzer extends DelegatingAnalyzerWrapper {
  private final Analyzer chain = Analysis.light();

  public LightAnalyzer() {
    super(GLOBAL_REUSE_STRATEGY);
  }

  @Override
  protected Analyzer getWrappedAnalyzer(String fieldName) {
    return chain;
  }
}
