package dev.skillsite.routing;

import dev.skillsite.routing.eval.EvalCase;
import dev.skillsite.routing.eval.EvalFile;
import dev.skillsite.testing.CorpusSkills;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Scratch: where route time goes. */
final class RouteProfile {
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
  public static void main(String[] args) throws Exception {
    RoutingIndex index = RoutingIndex.build(CorpusSkills.load(Path.of("../shared/corpora/large")));
    List<EvalCase> cases = EvalFile.read(Path.of("../shared/eval/large.jsonl"), Optional.empty());
    Synonyms syn = new Synonyms();
    Router r = new Router(index);
    for (int round = 0; round < 8; round++) {
      long a = 0, b = 0, c = 0, d = 0;
      for (EvalCase ec : cases) {
        long t0 = CPU.getCurrentThreadCpuTime();
        QueryTerms qt = QueryTerms.of(ec.query(), index, syn, Fields.SEARCHED);
        long t1 = CPU.getCurrentThreadCpuTime();
        var q = new org.apache.lucene.search.BooleanQuery.Builder();
        for (Fields.Weighted f : Fields.SEARCHED) {
          if (f.boost() > 0) {
            for (String t : qt.byField().get(f.field()).keySet()) {
              q.add(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(f.field(), t)),
                  org.apache.lucene.search.BooleanClause.Occur.SHOULD);
            }
          }
        }
        var sd = index.searcher().search(q.build(), 10).scoreDocs;
        long t2 = CPU.getCurrentThreadCpuTime();
        if (sd.length > 0) {
          Confidence.DEFAULT.features(index, new HitTerms(index, java.util.Arrays.stream(sd).mapToInt(h -> h.doc).toArray()), qt, sd);
        }
        long t3 = CPU.getCurrentThreadCpuTime();
        r.route(ec.query(), 5);
        long t4 = CPU.getCurrentThreadCpuTime();
        a += t1 - t0; b += t2 - t1; c += t3 - t2; d += t4 - t3;
      }
      int n = cases.size();
      System.out.printf("terms %.2f search %.2f features %.2f full route %.2f ms/query%n", a / 1e6 / n, b / 1e6 / n,
          c / 1e6 / n, d / 1e6 / n);
    }
  }
}
