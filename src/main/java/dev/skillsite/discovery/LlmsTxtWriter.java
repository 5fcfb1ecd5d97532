package dev.skillsite.discovery;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import dev.skillsite.site.DataParts;
import dev.skillsite.site.ListState;
import dev.skillsite.site.SkillSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;

/**
 * Writes {@code llms.txt} at the site root (the llmstxt.org layout): the site title as H1, its
 * description as a quote, then a "Skills" section with one link per skill to its page and its
 * one-sentence summary ({@link SkillSummary}), and an "Optional" section linking each raw SKILL.md.
 * Skills are listed by name, then id.
 *
 * <p>A catalog of more than {@link #MAX_INLINE} skills would make llms.txt megabytes long (100,000
 * skills: about 40 MB), more than any reader's context: its "Skills" section then links part files
 * {@code llms/skills-001.txt} …, each the same layout for 500 to {@link #MAX_INLINE} skills in name
 * order, cut where a skill's id says ({@link DataParts}: a skill added changes its own part), the
 * first and last name in the link text (no count: it would change with every skill added), and
 * llms.txt stays a few kilobytes per hundred parts.
 */
public final class LlmsTxtWriter {
  public static final String PATH = "llms.txt";

  /**
   * Skills in one part at most ({@link ListState.Totals#LLMS_PART}); a part ends at its first
   * natural cut once it holds half as many ({@link DataParts}).
   */
  static final int MAX_INLINE = ListState.Totals.LLMS_PART;

  private final int maxInline;

  public LlmsTxtWriter() {
    this(MAX_INLINE);
  }

  LlmsTxtWriter(int maxInline) {
    this.maxInline = maxInline;
  }

  public void write(Catalog catalog, Path siteDir) throws IOException {
    List<Skill> sorted = DiscoveryIndexWriter.sorted(catalog.skills());
    Files.createDirectories(siteDir);
    DataParts parts = ListState.Totals.llmsParts(sorted, maxInline);
    if (parts.count() <= 1) {
      Files.writeString(
          siteDir.resolve(PATH), list(catalog, sorted, "Skills"), StandardCharsets.UTF_8);
      return;
    }
    StringBuilder out = new StringBuilder(header(catalog));
    out.append("## Skills\n\n");
    Files.createDirectories(siteDir.resolve("llms"));
    for (int k = 0; k < parts.count(); k++) {
      List<Skill> part = sorted.subList(parts.starts().get(k), parts.end(k, sorted.size()));
      String file = path(k + 1, parts.count());
      String title = "Skills " + part.get(0).name() + " … " + part.get(part.size() - 1).name();
      Files.writeString(siteDir.resolve(file), list(catalog, part, title), StandardCharsets.UTF_8);
      out.append("- [").append(text(title)).append("](").append(url(catalog, file)).append(")\n");
    }
    Files.writeString(siteDir.resolve(PATH), out.toString(), StandardCharsets.UTF_8);
  }

  /** The file of part {@code n} (from 1) of {@code count}: llms.txt itself when one. */
  static String path(int n, int count) {
    return count <= 1 ? PATH : String.format(Locale.ROOT, "llms/skills-%03d.txt", n);
  }

  private static String header(Catalog catalog) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(text(catalog.config().title())).append("\n\n");
    catalog.config().description().ifPresent(d -> out.append("> ").append(text(d)).append("\n\n"));
    return out.toString();
  }

  /**
   * The llms.txt layout for {@code skills}: header, a section of page links, the raw files as
   * optional.
   */
  private static String list(Catalog catalog, List<Skill> skills, String section) {
    StringBuilder out = new StringBuilder(header(catalog));
    out.append("## ").append(text(section)).append("\n\n");
    for (Skill s : skills) {
      out.append(linePrefix(catalog.config(), s))
          .append(text(SkillSummary.of(s, catalog.config().summaries())))
          .append('\n');
    }
    out.append("\n## Optional\n\n");
    for (Skill s : skills) {
      out.append(optionalLine(catalog.config(), s)).append('\n');
    }
    return out.toString();
  }

  /** A skill's line of the "Optional" section: its raw SKILL.md linked. */
  static String optionalLine(SiteConfig config, Skill s) {
    return "- [" + text(s.name()) + " SKILL.md](" + url(config, RawSkillFiles.sitePath(s)) + ")";
  }

  /** A skill's line of the "Skills" section up to its summary: its name linked to its page. */
  static String linePrefix(SiteConfig config, Skill s) {
    return "- [" + text(s.name()) + "](" + url(config, "skills/" + s.id() + "/") + "): ";
  }

  private static String url(Catalog catalog, String sitePath) {
    return url(catalog.config(), sitePath);
  }

  static String url(SiteConfig config, String sitePath) {
    return config
        .baseUrl()
        .filter(SiteConfig::isSiteUrl)
        .map(b -> b.replaceAll("/+$", "") + "/" + sitePath)
        .orElse(sitePath);
  }

  /**
   * Content as plain text for a file that language models read and tools show as Markdown (issue
   * 26): HTML tags dropped (entities read as characters), on one line, and the characters that
   * would make a link, an autolink, a tag or code ({@code [ ] < > `} and backslash) escaped, so
   * that only this file's own links, to http(s) or relative URLs, are links.
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
