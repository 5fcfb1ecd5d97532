package dev.skillsite.routing;

import dev.skillsite.routing.eval.EvalCase;
import dev.skillsite.routing.eval.EvalFile;
import dev.skillsite.testing.CorpusSkills;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Dumps confidence features per query (TSV) for fitting; test tooling. */
final class FeatureDump {
  private static final List<String> SURFACE =
      List.of(Fields.NAME, Fields.PHRASE, Fields.KEYWORD, Fields.DESCRIPTION, Fields.HEADING);

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, "UTF-8");
    Background bg = Background.standard();
    out.println(
        "set\tlabel\trank\tmatched\tknown\texplained\tmargin\texcluded\twords\tbgKnown\tbgSurface\tbgExpl\tmarginMean\tmaxMiss\tbgTotal\trarestMatched\tevidence\tmissKnown\tmissUnseen\tconf\tdeclared\tquery");
    for (String set : new String[] {"elixir", "anthropic", "large"}) {
      List<EvalCase> cases =
          EvalFile.read(Path.of("../shared/eval", set + ".jsonl"), Optional.empty());
      try (RoutingIndex index =
          RoutingIndex.build(CorpusSkills.load(Path.of("../shared/corpora", set)))) {
        dump(out, set, index, cases, bg);
      }
      Path held = Path.of("src/test/resources/eval", set + "-heldout.jsonl");
      if (java.nio.file.Files.isRegularFile(held)) {
        List<EvalCase> hc = EvalFile.read(held, Optional.empty());
        try (RoutingIndex index =
            RoutingIndex.build(CorpusSkills.load(Path.of("../shared/corpora", set)))) {
          dump(out, set + "-h", index, hc, bg);
        }
      }
    }
    for (TriggerEvalSets.EvalSet s : TriggerEvalSets.load()) {
      try (RoutingIndex index = RoutingIndex.build(s.skills())) {
        dump(out, "trig:" + s.folder(), index, s.cases(), bg);
      }
    }
  }

  static void dump(
      PrintStream out, String set, RoutingIndex index, List<EvalCase> cases, Background bg) {
    Router router = new Router(index);
    for (EvalCase c : cases) {
      RouteExplanation ex = router.explain(c.query(), 10);
      List<RouteHit> hits = ex.result().hits();
      int rank = 99;
      List<String> seen = new ArrayList<>();
      for (RouteHit h : hits) {
        if (!seen.contains(h.name())) {
          seen.add(h.name());
          if (c.expected().contains(h.name())) {
            rank = seen.size();
            break;
          }
        }
      }
      // "n": a negative about one skill whose top result is another skill: it passes whatever the
      // confidence
      String label =
          c.isPositive()
              ? (rank == 1 ? "1" : "2")
              : c.scope().isPresent()
                      && !hits.isEmpty()
                      && !c.scope().get().equals(hits.get(0).name())
                  ? "n"
                  : "0";
      var f = ex.features();
      double rarestMatched = 0, evidence = 0;
      boolean declared = false;
      double missKnown = 0, missUnseen = 0;
      double bgTotal = 0, bgKnown = 0, bgSurface = 0, bgExpl = 0, maxMiss = 0, marginMean = 0;
      if (!hits.isEmpty()) {
        int top = index.doc(hits.get(0).id()).orElseThrow();
        QueryTerms qt = QueryTerms.of(c.query(), index.terms(), new Synonyms(), Fields.SEARCHED);
        int[] docs = hits.stream().mapToInt(h -> index.doc(h.id()).orElseThrow()).toArray();
        HitTerms ht = new HitTerms(index, docs);
        declared =
            !qt.words().isEmpty()
                && qt.words().stream()
                    .allMatch(
                        t ->
                            ht.contains(Fields.NAME, t, top)
                                || ht.contains(Fields.KEYWORD, t, top)
                                || ht.contains(Fields.PHRASE, t, top));
        for (String t : qt.words()) {
          int df = ht.docFreq(t);
          boolean cjk =
              t.codePointCount(0, t.length()) == 2
                  && t.codePoints().allMatch(CjkBigramFilter::isCjk);
          if (df == 0 && cjk) {
            continue;
          }
          double w = bg.idf(t);
          bgTotal += w;
          if (df > 0) {
            bgKnown += w;
          }
          boolean surf = SURFACE.stream().anyMatch(fl -> ht.contains(fl, t, top));
          boolean body = ht.contains(Fields.BODY, t, top);
          if (surf) {
            bgSurface += w;
            bgExpl += w;
            rarestMatched = Math.max(rarestMatched, w);
            evidence += w;
          } else if (body) {
            bgExpl += 0.5 * w;
            evidence += 0.5 * w;
          } else {
            maxMiss = Math.max(maxMiss, w);
            if (bg.df(t) >= Background.MIN_DF) {
              missKnown = Math.max(missKnown, w);
            } else {
              missUnseen = 1;
            }
          }
        }
        double s1 = hits.get(0).score();
        double sum = 0;
        int n = 0;
        for (int i = 1; i < hits.size(); i++) {
          if (!hits.get(i).name().equals(hits.get(0).name())) {
            sum += hits.get(i).score();
            n++;
          }
        }
        marginMean = n == 0 ? 1 : (s1 - sum / n) / s1;
      }
      double norm = Math.log(1 + bg.skills());
      out.printf(
          Locale.ROOT,
          "%s\t%s\t%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.0f\t%.4f\t%d\t%s%n",
          set,
          label,
          rank,
          f.matched(),
          f.known(),
          f.explained(),
          f.margin(),
          f.excluded(),
          f.words(),
          bgTotal == 0 ? 0 : bgKnown / bgTotal,
          bgTotal == 0 ? 0 : bgSurface / bgTotal,
          bgTotal == 0 ? 0 : bgExpl / bgTotal,
          marginMean,
          maxMiss / norm,
          bgTotal,
          rarestMatched / norm,
          evidence / norm,
          missKnown / norm,
          missUnseen,
          ex.result().hits().isEmpty() ? 0 : ex.result().hits().get(0).confidence(),
          declared ? 1 : 0,
          c.query().replaceAll("\\s+", " "));
    }
  }
}
