package dev.skillsite.site;

import dev.skillsite.model.SkillId;
import java.util.regex.Pattern;

/**
 * Where each page and file of the site lives (site paths, {@code /} separators, no leading slash).
 */
public final class SiteLayout {
  private static final Pattern MARKDOWN_EXTENSION = Pattern.compile("(?i)\\.(md|markdown)$");
  private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9._-]+");
  private static final Pattern SLUG_EDGES = Pattern.compile("^[.-]+|[.-]+$");
  static final String INDEX = "index.html";
  static final String SKILLS = "skills/index.html";
  static final String COLLECTIONS = "collections/index.html";
  static final String TRIGGERS = "triggers/index.html";
  static final String SEARCH = "search/index.html";
  static final String HEALTH = "health/index.html";
  static final String AUDIT = "audit/index.html";
  static final String AUDIT_JSON = "audit.json";
  static final String NOT_FOUND = "404.html";
  static final String SITEMAP = "sitemap.xml";
  static final String ROBOTS = "robots.txt";
  static final String SKILLS_JSON = "skills.json";
  static final String ASSETS = "assets/";
  static final String CATALOG_JS = ASSETS + "catalog.js";

  private SiteLayout() {}

  public static String skill(SkillId id) {
    return "skills/" + id + "/index.html";
  }

  public static String rawSkill(SkillId id) {
    return "skills/" + id + "/SKILL.md";
  }

  /** The skill folder as an archive, when it has more than its SKILL.md. */
  static String archive(SkillId id) {
    return "skills/" + id + "/" + id + ".tar.gz";
  }

  /**
   * A Markdown file of a skill: {@code references/api.md} → {@code
   * skills/<id>/ref/references/api.html}, the source tree with {@code .html} for {@code .md}. A
   * page file, not a folder holding an {@code index.html}: skills can have hundreds of references,
   * and a folder per page made the site half folders, each one more thing to create, upload and
   * delete.
   */
  public static String reference(SkillId id, String pathInSkill) {
    String noExt = MARKDOWN_EXTENSION.matcher(pathInSkill).replaceFirst("");
    return "skills/" + id + "/ref/" + noExt + ".html";
  }

  /** A file of a skill's folder, published as is. */
  static String file(SkillId id, String pathInSkill) {
    return "skills/" + id + "/files/" + pathInSkill;
  }

  /** A collection's page; an id that is not a plain slug is made one (ids come from content). */
  static String collection(String id) {
    String slug =
        SLUG_EDGES
            .matcher(NOT_SLUG.matcher(id.toLowerCase(java.util.Locale.ROOT)).replaceAll("-"))
            .replaceAll("");
    // "index.html" is the list of every collection (COLLECTIONS)
    return "collections/"
        + (slug.isEmpty() ? "collection" : slug.equals("index.html") ? "index-html" : slug)
        + "/index.html";
  }
}
