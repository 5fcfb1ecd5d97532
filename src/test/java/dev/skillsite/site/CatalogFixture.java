package dev.skillsite.site;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Collection;
import dev.skillsite.model.Reference;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.model.Triggers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds small catalogs by hand for site tests: {@code new CatalogFixture().skill("oban",
 * ...).catalog()}.
 */
final class CatalogFixture {
  private SiteConfig config = SiteConfig.defaults("Fixture skills");
  private final List<Collection> collections = new ArrayList<>();
  private final List<Skill> skills = new ArrayList<>();

  CatalogFixture config(SiteConfig c) {
    this.config = c;
    return this;
  }

  CatalogFixture collection(String id, String name, String description) {
    collections.add(
        new Collection(
            id,
            name,
            "plugins/" + id,
            Optional.of(description),
            Optional.of("development"),
            List.of("elixir"),
            Optional.of("https://example.com/" + id)));
    return this;
  }

  SkillBuilder skill(String name) {
    return new SkillBuilder(name);
  }

  Catalog catalog() {
    return new Catalog(
        config,
        collections,
        skills.stream().sorted(java.util.Comparator.comparing(Skill::id)).toList(),
        List.of(),
        List.of());
  }

  final class SkillBuilder {
    private final String name;
    private String id;
    private String description = "A skill.";
    private String dir;
    private String collection = "main";
    private String body = "# Title\n\nBody.\n";
    private final Map<String, Object> frontmatter = new LinkedHashMap<>();
    private final List<Reference> references = new ArrayList<>();
    private List<String> phrases = List.of();
    private List<String> keywords = List.of();
    private List<String> notFor = List.of();

    SkillBuilder(String name) {
      this.name = name;
      this.id = name;
      this.dir = "skills/" + name;
    }

    /** A published id other than the name (the loader's fallback for names that are not slugs). */
    SkillBuilder id(String i) {
      id = i;
      return this;
    }

    SkillBuilder description(String d) {
      description = d;
      return this;
    }

    SkillBuilder dir(String d) {
      dir = d;
      return this;
    }

    SkillBuilder collection(String c) {
      collection = c;
      return this;
    }

    SkillBuilder body(String b) {
      body = b;
      return this;
    }

    SkillBuilder frontmatter(String key, Object value) {
      frontmatter.put(key, value);
      return this;
    }

    SkillBuilder reference(String path, String title, String markdown) {
      references.add(new Reference(path, title, markdown));
      return this;
    }

    SkillBuilder phrases(String... p) {
      phrases = List.of(p);
      return this;
    }

    SkillBuilder keywords(String... k) {
      keywords = List.of(k);
      return this;
    }

    SkillBuilder notFor(String... n) {
      notFor = List.of(n);
      return this;
    }

    CatalogFixture add() {
      Map<String, Object> fm = new LinkedHashMap<>();
      fm.put("name", name);
      fm.put("description", description);
      fm.putAll(frontmatter);
      skills.add(
          new Skill(
              new SkillId(id),
              name,
              description,
              dir + "/SKILL.md",
              collection,
              fm,
              body,
              5,
              references,
              new Triggers(phrases, keywords, List.of(), notFor),
              List.of()));
      return CatalogFixture.this;
    }
  }
}
