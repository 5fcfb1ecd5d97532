package dev.skillsite.discovery;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.site.SkillSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code llms.txt} at the site root (the llmstxt.org layout): the site title as H1, its description
 * as a quote, then a "Skills" section with one link per skill to its page and its one-sentence summary ({@link SkillSummary}),
 * and an "Optional" section linking each raw SKILL.md. Skills are listed by name, then id.
 */
public final class LlmsTxtWriter {
  public static final String PATH = "llms.txt";

  public void write(Catalog catalog, Path siteDir) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(oneLine(catalog.config().title())).append("\n\n");
    catalog.config().description().ifPresent(d -> out.append("> ").append(oneLine(d)).append("\n\n"));
    out.append("## Skills\n\n");
    for (Skill s : DiscoveryIndexWriter.sorted(catalog.skills())) {
      out.append("- [").append(escape(s.name())).append("](").append(url(catalog, "skills/" + s.id() + "/"))
          .append("): ").append(oneLine(SkillSummary.of(s, catalog.config().summaries()))).append('\n');
    }
    out.append("\n## Optional\n\n");
    for (Skill s : DiscoveryIndexWriter.sorted(catalog.skills())) {
      out.append("- [").append(escape(s.name())).append(" SKILL.md](")
          .append(url(catalog, RawSkillFiles.sitePath(s))).append(")\n");
    }
    Files.createDirectories(siteDir);
    Files.writeString(siteDir.resolve(PATH), out.toString(), StandardCharsets.UTF_8);
  }

  private static String url(Catalog catalog, String sitePath) {
    return catalog.config().baseUrl().map(b -> b.replaceAll("/+$", "") + "/" + sitePath).orElse(sitePath);
  }

  static String oneLine(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }

  private static String escape(String s) {
    return s.replace("[", "\\[").replace("]", "\\]");
  }
}
