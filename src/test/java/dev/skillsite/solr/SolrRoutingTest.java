package dev.skillsite.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import dev.skillsite.cli.Main;
import dev.skillsite.model.Skill;
import dev.skillsite.model.Triggers;
import dev.skillsite.routing.Confidence;
import dev.skillsite.routing.RouteHit;
import dev.skillsite.routing.RouteResult;
import dev.skillsite.routing.Router;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.SolrDocuments;
import dev.skillsite.routing.SolrHttp;
import dev.skillsite.routing.SolrSource;
import dev.skillsite.routing.eval.EvalCase;
import dev.skillsite.routing.eval.EvalFile;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SolrCluster;
import dev.skillsite.triggers.TriggerExtractor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * route through a real SolrCloud (in process: 2 nodes, a collection of 2 shards × 2 replicas)
 * against a local route of the same skills, on the {@code large} corpus and every query of
 * ../shared/eval.
 */
@Tag("solr")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrRoutingTest {
  static final Path LARGE = Path.of("../shared/corpora/large");
  static final String COLLECTION = "large";
  SolrCluster cluster;
  List<Skill> skills;
  RoutingIndex local;
  List<String> queries;

  @BeforeAll
  void start() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(LARGE), "shared corpora missing");
    skills = CorpusSkills.load(LARGE);
    local = RoutingIndex.build(skills);
    queries = queries();
    cluster = new SolrCluster(2);
    cluster.createIndexed(COLLECTION, 2, 2, skills);
  }

  @AfterAll
  void stop() throws Exception {
    if (local != null) {
      local.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * Every query of ../shared/eval (the JSONL sets and the large sample), and a few that call a
   * skill by name.
   */
  static List<String> queries() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("../shared/eval"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        EvalFile.read(f, Optional.empty()).stream().map(EvalCase::query).forEach(out::add);
      }
    }
    Files.readAllLines(Path.of("../shared/eval/large-sample.txt")).stream()
        .filter(l -> !l.isBlank())
        .forEach(out::add);
    out.add("/pdf fill in this form");
    out.add("use the docker-expert skill to shrink my image");
    out.add("don't use the pdf skill, just summarize the text");
    return out;
  }

  /**
   * Top skill, abstention, confidence and "matched" of a Solr route against a local route of the
   * same skills.
   */
  record Agreement(
      int queries,
      int top,
      int abstention,
      int matched,
      double maxConfidenceGap,
      double maxScoreGap,
      List<String> differ) {
    static Agreement of(List<String> queries, Router local, Router solr) {
      int top = 0, abst = 0, matched = 0;
      double gap = 0;
      double scoreGap = 0;
      List<String> differ = new ArrayList<>();
      for (String q : queries) {
        RouteResult a = local.route(q, 3);
        RouteResult b = solr.route(q, 3);
        boolean sameTop =
            a.hits().isEmpty()
                ? b.hits().isEmpty()
                : !b.hits().isEmpty() && a.hits().get(0).id().equals(b.hits().get(0).id());
        top += sameTop ? 1 : 0;
        abst += a.abstained() == b.abstained() ? 1 : 0;
        if (sameTop && !a.hits().isEmpty()) {
          RouteHit x = a.hits().get(0), y = b.hits().get(0);
          matched += x.matched().equals(y.matched()) && x.field().equals(y.field()) ? 1 : 0;
          gap = Math.max(gap, Math.abs(x.confidence() - y.confidence()));
          if (x.score() != 0) { // a skill called by name may rank first with no BM25 score
            scoreGap = Math.max(scoreGap, Math.abs(x.score() - y.score()) / Math.abs(x.score()));
          }
        } else if (sameTop) {
          matched++;
        }
        if (!sameTop || a.abstained() != b.abstained()) {
          differ.add(q + " | local " + describe(a) + " | solr " + describe(b));
        }
      }
      return new Agreement(queries.size(), top, abst, matched, gap, scoreGap, differ);
    }

    private static String describe(RouteResult r) {
      return r.hits().isEmpty()
          ? "none"
          : r.hits().get(0).name()
              + (r.abstained() ? " (abstained)" : "")
              + String.format(
                  Locale.ROOT, " %.4f %.4f", r.hits().get(0).score(), r.hits().get(0).confidence());
    }

    double share(int n) {
      return (double) n / queries;
    }
  }

  @Test
  @Order(1)
  void routesAsALocalIndexDoes() throws IOException {
    Agreement a =
        Agreement.of(
            queries,
            new Router(local),
            new Router(new SolrSource(cluster.client(COLLECTION)), Confidence.DEFAULT));
    System.out.printf(
        "solr vs local on large: %d queries, top %d, abstention %d, matched %d, max confidence gap %.2e,"
            + " max relative score gap %.2e%n",
        a.queries(), a.top(), a.abstention(), a.matched(), a.maxConfidenceGap(), a.maxScoreGap());
    a.differ().forEach(d -> System.out.println("  differs: " + d));
    assertTrue(a.queries() >= 300, "queries " + a.queries());
    assertTrue(
        a.share(a.top()) >= 0.99, () -> "top skill agrees on " + a.top() + "/" + a.queries());
    assertTrue(
        a.share(a.abstention()) >= 0.99,
        () -> "abstention agrees on " + a.abstention() + "/" + a.queries());
    assertTrue(
        a.share(a.matched()) >= 0.99, () -> "matched agrees on " + a.matched() + "/" + a.queries());
    assertTrue(a.maxConfidenceGap() < 1e-4, () -> "confidence differs by " + a.maxConfidenceGap());
    // the same BM25 (the plugin's similarity, the average length on its grid): the top score is the
    // local one but for float rounding; Solr's own BM25 (the exact average) would move it ~1e-4
    assertTrue(a.maxScoreGap() < 1e-5, () -> "top score differs by " + a.maxScoreGap());
  }

  /**
   * The command line: route --solr and eval --solr print what route and eval print over a local
   * index.
   */
  @Test
  @Order(2)
  void routeAndEvalCommandsTakeACollection(@TempDir Path dir) throws IOException {
    String nodes =
        cluster.nodeUrls().stream().map(Object::toString).collect(Collectors.joining(","));
    String q = "fill in a PDF form and merge two PDFs";
    Path index = dir.resolve("index");
    local.writeTo(index);
    String viaSolr =
        cli("route", "--json", "--top", "3", "--solr", nodes, "--collection", COLLECTION, q);
    String viaIndex = cli("route", "--json", "--top", "3", "--index", index.toString(), q);
    assertEquals(viaIndex, viaSolr);
    assertTrue(viaSolr.contains("\"matched\""), viaSolr);
    Path queries = Path.of("../shared/eval/large.jsonl");
    assertEquals(
        cli("eval", "--json", "--queries", queries.toString(), "--index", index.toString()),
        cli(
            "eval",
            "--json",
            "--queries",
            queries.toString(),
            "--solr",
            nodes,
            "--collection",
            COLLECTION));
    assertTrue(cli("route", "--solr", nodes, q).startsWith("exit 2"), "--solr wants --collection");
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return code == 0 ? out.toString() : "exit " + code + ": " + err;
  }

  /**
   * A skill whose description changed is routed by its new words once its document is replaced and
   * committed.
   */
  @Test
  // after the exact comparisons: Solr counts a replaced document's old terms until a merge
  @Order(4)
  void routesAChangedSkillAfterACommit() throws IOException {
    String query = "calibrate the flux capacitor of my time machine before the jump to 1955";
    SolrHttp solr = cluster.client(COLLECTION);
    Router before = new Router(new SolrSource(solr), Confidence.DEFAULT);
    assertTrue(before.route(query, 3).abstained(), "no skill is about flux capacitors yet");
    int ord = 17;
    Skill old = skills.get(ord);
    Skill changed =
        new Skill(
            old.id(),
            old.name(),
            "Calibrates the flux capacitor of a time machine. Use when"
                + " asked to \"calibrate the flux capacitor\" or before a time jump.",
            old.source(),
            old.collectionId(),
            old.frontmatter(),
            old.body(),
            old.bodyLine(),
            old.references(),
            Triggers.NONE, // extracted again from the new description below
            old.declaredRelated());
    List<Skill> updated = new ArrayList<>(skills);
    updated.set(ord, new TriggerExtractor().ensure(changed));
    JsonArray docs = new JsonArray();
    docs.add(SolrDocuments.of(updated.get(ord), ord));
    solr.add(docs);
    solr.commit();
    Router after = new Router(new SolrSource(solr), Confidence.DEFAULT);
    RouteResult r = after.route(query, 3);
    assertFalse(r.abstained(), () -> "fires after the commit: " + r);
    assertEquals(old.id(), r.hits().get(0).id());
    assertEquals("calibrate the flux capacitor", r.hits().get(0).matched());
    try (RoutingIndex rebuilt = RoutingIndex.build(updated)) {
      RouteResult l = new Router(rebuilt).route(query, 3);
      assertEquals(l.hits().get(0).id(), r.hits().get(0).id());
      assertEquals(
          l.hits().get(0).confidence(),
          r.hits().get(0).confidence(),
          0.02,
          "the replaced document's old terms still count in Solr's frequencies until a merge");
    }
    // put it back for the tests after this one
    JsonArray back = new JsonArray();
    back.add(SolrDocuments.of(old, ord));
    solr.add(back);
    solr.commit();
  }

  /**
   * A collection's own threshold is kept in its configset (as export writes it, or set with Solr's
   * Config API on a running collection) and route --solr uses it without --threshold.
   */
  @Test
  @Order(3)
  void routeUsesTheCollectionsOwnThreshold(@TempDir Path dir) throws Exception {
    // as export --solr writes it for a skillsite.yaml with routing.threshold
    cluster.addConfigWithThreshold("skillsite-t", 0.61);
    cluster.createCollection("small", "skillsite-t", 1, 1);
    SolrCluster.index(cluster.client("small"), skills.subList(0, 20));
    assertEquals(0.61, new SolrSource(cluster.client("small")).confidence().threshold());
    cluster.deleteCollection("small");
    // set on a running collection, as docs/solr.md says
    String nodes =
        cluster.nodeUrls().stream().map(Object::toString).collect(Collectors.joining(","));
    String q = "fill in a PDF form and merge two PDFs";
    Path index = dir.resolve("index");
    local.writeTo(index);
    assertEquals(
        Confidence.DEFAULT.threshold(),
        new SolrSource(cluster.client(COLLECTION)).confidence().threshold());
    try {
      configApi("{\"set-user-property\": {\"" + SolrSource.THRESHOLD_PROPERTY + "\": \"0.97\"}}");
      String viaSolr = cli("route", "--json", "--solr", nodes, "--collection", COLLECTION, q);
      assertTrue(viaSolr.contains("\"threshold\":0.97"), viaSolr);
      assertEquals(
          cli("route", "--json", "--index", index.toString(), "--threshold", "0.97", q), viaSolr);
      assertEquals(
          cli("route", "--json", "--index", index.toString(), "--threshold", "0.3", q),
          cli(
              "route",
              "--json",
              "--solr",
              nodes,
              "--collection",
              COLLECTION,
              "--threshold",
              "0.3",
              q),
          "--threshold overrides the collection's");
    } finally {
      configApi("{\"unset-user-property\": \"" + SolrSource.THRESHOLD_PROPERTY + "\"}");
    }
    assertEquals(
        Confidence.DEFAULT.threshold(),
        new SolrSource(cluster.client(COLLECTION)).confidence().threshold());
  }

  private void configApi(String command) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            cluster.nodeUrls().get(0)
                                + "/"
                                + COLLECTION
                                + "/config?updateTimeoutSecs=60"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(command))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  /**
   * A node stops while queries run: every query is answered (by the other replicas), and as before.
   */
  @Test
  @Order(5)
  void losesNoQueryWhenANodeDies() throws Exception {
    SolrHttp solr = cluster.client(COLLECTION);
    Router router = new Router(new SolrSource(solr), Confidence.DEFAULT);
    Router reference = new Router(local);
    List<String> run = queries.subList(0, Math.min(160, queries.size()));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<RouteResult>> results = new ArrayList<>();
      for (String q : run) {
        results.add(pool.submit(() -> router.route(q, 3)));
      }
      Thread.sleep(300);
      cluster.stopNode(1);
      int same = 0;
      for (int i = 0; i < run.size(); i++) {
        RouteResult r = results.get(i).get(); // throws when a query was lost
        RouteResult l = reference.route(run.get(i), 3);
        same +=
            l.hits().isEmpty() == r.hits().isEmpty()
                    && l.abstained() == r.abstained()
                    && (l.hits().isEmpty() || l.hits().get(0).id().equals(r.hits().get(0).id()))
                ? 1
                : 0;
      }
      System.out.printf("node stopped mid-run: %d/%d answered as local%n", same, run.size());
      assertTrue(same >= 0.99 * run.size(), "answered as local: " + same + "/" + run.size());
      // and after: every query still answered by the surviving node
      RouteResult r = router.route(run.get(0), 3);
      assertEquals(reference.route(run.get(0), 3).hits().get(0).id(), r.hits().get(0).id());
    } finally {
      pool.shutdownNow();
    }
  }
}
