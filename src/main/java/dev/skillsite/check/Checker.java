package dev.skillsite.check;

import dev.skillsite.audit.Auditor;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import dev.skillsite.routing.Confidence;
import dev.skillsite.routing.RouterFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code check} command's engine: loads a collection (with its triggers) and runs every {@link
 * Rule} over it, the loader's diagnostics re-graded for the {@link Target}. Thread-safe; one
 * instance can check many collections.
 */
public final class Checker {
  private final ContentLoader loader = new ContentLoader();
  private final ProbeFactory probes;
  private final RenderedDocuments documents;
  private final Auditor auditor = Auditor.standard();

  /**
   * @param probes the router triggers are probed with: {@link RouterProbe#factory()}, or none
   * @param documents the site's rendering of the documents, whose diagnostics {@code check} reports
   */
  public Checker(ProbeFactory probes, RenderedDocuments documents) {
    this.probes = probes;
    this.documents = documents;
  }

  /**
   * Loads and checks the collection at {@code contentRoot}.
   *
   * @throws IOException when {@code contentRoot} is not a readable folder, or the router cannot be
   *     built
   */
  public CheckReport check(Path contentRoot, CheckOptions options) throws IOException {
    Catalog catalog = loader.load(contentRoot);
    return check(catalog, contentRoot, options);
  }

  /** Checks a catalog the loader read from {@code contentRoot}. */
  public CheckReport check(Catalog catalog, Path contentRoot, CheckOptions options)
      throws IOException {
    Path root = contentRoot.toRealPath();
    CheckContext context = new CheckContext(root, catalog, new SourceLocator(root), options);
    RoutingHealth routing = routing(catalog.skills(), RouterFactory.confidence(catalog));
    MarkdownScan scan = new MarkdownScan();
    List<Rule> rules =
        new ArrayList<>(
            List.of(
                new ClaudeAiUploadRule(),
                new RenderRule(documents),
                new ReferenceDepthRule(scan),
                new MentionedFilesRule(scan),
                new AuditFindingsRule(auditor)));
    rules.addAll(RoutingHealthCheck.rules(routing));
    List<Diagnostic> findings =
        new ArrayList<>(new TargetProfile(options.target()).apply(catalog.diagnostics()));
    try {
      for (Rule rule : rules) {
        findings.addAll(rule.check(context));
      }
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    return new CheckReport(
        catalog, findings, routing, ListingBudget.of(catalog.skills(), options.listingBudget()));
  }

  private RoutingHealth routing(List<Skill> skills, Confidence confidence) throws IOException {
    Optional<RouteProbe> probe = probes.open(skills, confidence);
    if (probe.isEmpty()) {
      return RoutingHealth.NOT_CHECKED;
    }
    try {
      return new RoutingAnalyzer(probe.get()).analyze(skills);
    } finally {
      if (probe.get() instanceof AutoCloseable closeable) {
        close(closeable);
      }
    }
  }

  private static void close(AutoCloseable closeable) throws IOException {
    try {
      closeable.close();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }
}
