package dev.skillsite.discovery;

import dev.skillsite.model.SiteConfig;
import org.jsoup.Jsoup;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;

/**
 * Writes {@code llms.txt} at the site root (the llmstxt.org layout): the site title as H1, its description
 * as a quote, then a "Skills" section with one link per skill to its page and its description on one line,
 * and an "Optional" section linking each raw SKILL.md. Skills are listed by name, then id.
 */
public final class LlmsTxtWriter {
  public static final String PATH = "llms.txt";

  public void write(Catalog catalog, Path siteDir) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(text(catalog.config().title())).append("\n\n");
    catalog.config().description().ifPresent(d -> out.append("> ").append(text(d)).append("\n\n"));
    out.append("## Skills\n\n");
    for (Skill s : DiscoveryIndexWriter.sorted(catalog.skills())) {
      out.append("- [").append(text(s.name())).append("](").append(url(catalog, "skills/" + s.id() + "/"))
          .append("): ").append(text(s.description())).append('\n');
    }
    out.append("\n## Optional\n\n");
    for (Skill s : DiscoveryIndexWriter.sorted(catalog.skills())) {
      out.append("- [").append(text(s.name())).append(" SKILL.md](")
          .append(url(catalog, RawSkillFiles.sitePath(s))).append(")\n");
    }
    Files.createDirectories(siteDir);
    Files.writeString(siteDir.resolve(PATH), out.toString(), StandardCharsets.UTF_8);
  }

  private static String url(Catalog catalog, String sitePath) {
    return catalog.config().baseUrl().filter(SiteConfig::isSiteUrl)
        .map(b -> b.replaceAll("/+$", "") + "/" + sitePath).orElse(sitePath);
  }

  /**
   * Content as plain text for a file that language models read and tools show as Markdown (issue 26): HTML tags
   * dropped (entities read as characters), on one line, and the characters that would make a link, an
   * autolink, a tag or code ({@code [ ] < > `} and backslash) escaped, so that only this file's own links, to
   * http(s) or relative URLs, are links.
   */
  static String text(String s) {
    String plain = oneLine(Jsoup.parseBodyFragment(s).text());
    StringBuilder sb = new StringBuilder(plain.length());
    for (int i = 0; i < plain.length(); i++) {
      char c = plain.charAt(i);
      if (c == '\\' || c == '[' || c == ']' || c == '<' || c == '>' || c == '`') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  static String oneLine(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }

}
