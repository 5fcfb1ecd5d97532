package dev.skillsite.perf;

import dev.skillsite.markdown.LinkTargets;
import dev.skillsite.markdown.MarkdownRenderer;
import dev.skillsite.markdown.MentionIndex;
import dev.skillsite.markdown.ParsedDocument;
import dev.skillsite.markdown.RenderedDocument;
import dev.skillsite.markdown.SourceDocument;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.routing.RouteResult;
import dev.skillsite.routing.Router;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.eval.EvalCase;
import dev.skillsite.routing.eval.EvalFile;
import dev.skillsite.testing.CorpusSkills;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH micro-benchmarks of a build's hot spots on ../shared/corpora/large (883 SKILL.md bodies, 10
 * MB): Markdown parsing and rendering per document, the routing index build, and one {@code route}
 * per development query. Each operation takes the next document or query in turn, so a figure is
 * the mean over the whole corpus. A cold build runs with the quick JIT only; {@code -jvmArgsAppend
 * -XX:TieredStopAtLevel=1} measures that compiler. Run (after {@code mvn -B -q -DskipTests
 * test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt}): {@code java -cp
 * target/classes:target/test-classes:$(cat /tmp/cp.txt) org.openjdk.jmh.Main HotSpotsBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class HotSpotsBench {
  /** No page, anchor or file exists: links stay as written, as for a lone document. */
  private static final LinkTargets NOWHERE =
      new LinkTargets() {
        @Override
        public Optional<String> page(String from, String target) {
          return Optional.empty();
        }

        @Override
        public boolean hasAnchor(String target, String anchor) {
          return false;
        }

        @Override
        public Optional<String> file(String from, String target) {
          return Optional.empty();
        }

        @Override
        public boolean exists(String target) {
          return false;
        }

        @Override
        public String skill(String from, SkillId id) {
          return "../" + id + "/index.html";
        }
      };

  private List<Skill> skills;
  private final List<SourceDocument> documents = new ArrayList<>();
  private final List<String> queries = new ArrayList<>();
  private final MarkdownRenderer renderer = new MarkdownRenderer();
  private RoutingIndex index;
  private Router router;
  private int nextDocument;
  private int nextQuery;

  @Setup
  public void load() throws IOException {
    Path corpus = Path.of("../shared/corpora/large");
    skills = CorpusSkills.load(corpus);
    for (Skill s : skills) {
      documents.add(
          new SourceDocument(s.source(), s.id(), s.dir(), s.body(), Math.max(1, s.bodyLine())));
    }
    for (EvalCase c : EvalFile.read(Path.of("../shared/eval/large.jsonl"), Optional.empty())) {
      queries.add(c.query());
    }
    index = RoutingIndex.build(skills);
    router = new Router(index);
  }

  @TearDown
  public void close() throws IOException {
    index.close();
  }

  private SourceDocument nextDocument() {
    SourceDocument d = documents.get(nextDocument);
    nextDocument = (nextDocument + 1) % documents.size();
    return d;
  }

  /**
   * Block and inline parsing of one SKILL.md body, with source positions (what rendering needs).
   */
  @Benchmark
  public ParsedDocument markdownParse() {
    return renderer.parse(nextDocument());
  }

  /**
   * Parsing, link rewriting, HTML rendering and (for raw HTML only) sanitizing of one SKILL.md
   * body.
   */
  @Benchmark
  public RenderedDocument markdownParseAndRender() {
    return renderer.render(renderer.parse(nextDocument()), NOWHERE, MentionIndex.none());
  }

  /** One route (top 10, with confidence) of a development query against the 883 skills. */
  @Benchmark
  public RouteResult route() {
    String q = queries.get(nextQuery);
    nextQuery = (nextQuery + 1) % queries.size();
    return router.route(q, 10);
  }

  /** The whole routing index of the 883 skills, in memory (what the build's index stage does). */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 5)
  public int routingIndexBuild() throws IOException {
    try (RoutingIndex i = RoutingIndex.build(skills)) {
      return i.size();
    }
  }
}
