package dev.skillsite.cli;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.routing.RouterFactory;
import dev.skillsite.solr.SolrExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code export --solr DIR}: a SolrCloud configset, plugin jar and the skill documents. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Writes what a SolrCloud collection needs to route to the skills: configset, plugin jar, documents"
            + " (see DIR/README.txt and docs/solr.md).")
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--solr",
      required = true,
      paramLabel = "DIR",
      description = "The folder to write (new, empty or an earlier export).")
  Path solr;

  @Option(
      names = "--content",
      paramLabel = "DIR",
      defaultValue = "content",
      description = "Content folder (default content/).")
  Path content;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Catalog catalog = new ContentLoader().load(content);
      if (catalog.skills().isEmpty()) {
        throw new IOException(
            content + ": no skill to export (no SKILL.md under it loaded; `check` says why)");
      }
      SolrExport.write(catalog.skills(), RouterFactory.confidence(catalog), solr);
      out.println(
          "skillsite export: "
              + catalog.skills().size()
              + " skills for Solr in "
              + solr
              + " ("
              + solr.resolve("README.txt")
              + " says what next)");
      out.flush();
      return 0;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      return IoErrors.fail(err, "export", e);
    }
  }
}
