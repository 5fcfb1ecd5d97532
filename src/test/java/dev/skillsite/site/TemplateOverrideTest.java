package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateOverrideTest {
  @TempDir Path tmp;

  @Test
  void userTemplatesOverrideOursByNameAndFallBackForTheRest() throws IOException {
    Path user = tmp.resolve("templates");
    Files.createDirectories(user.resolve("partials"));
    Files.createDirectories(user.resolve("assets"));
    Files.writeString(
        user.resolve("index.peb"),
        "{% extends \"layout\" %}{% block content %}<p id=\"custom\">{{ view.skills | length }} {{ site.title }}</p>"
            + "{% endblock %}");
    Files.writeString(
        user.resolve("partials/chips.peb"),
        "{% if chips is not empty %}<ol class=\"my-chips\">{% for c in chips %}<li>{{ c }}</li>{% endfor %}</ol>{% endif %}");
    Files.writeString(user.resolve("assets/site.css"), "body { color: red; }\n");
    Path site = tmp.resolve("site");
    var catalog =
        new CatalogFixture().skill("oban").phrases("add a job", "<b>x</b>").add().catalog();

    new SiteGenerator(Optional.of(user)).generate(new SiteInput(catalog, Map.of()), site);

    Document index = Jsoup.parse(site.resolve("index.html").toFile(), "UTF-8");
    assertEquals("1 Fixture skills", index.getElementById("custom").text());
    assertEquals(
        "◆ Fixture skills",
        index.selectFirst("a.brand").text(),
        "our layout still wraps the user's page");
    Document skill = Jsoup.parse(site.resolve("skills/oban/index.html").toFile(), "UTF-8");
    assertEquals(List.of("add a job", "<b>x</b>"), skill.select("ol.my-chips li").eachText());
    assertEquals(
        1,
        skill.select("#ss-install").size(),
        "our skill template is used where the user has none");
    assertEquals("body { color: red; }\n", Files.readString(site.resolve("assets/site.css")));
    assertEquals(List.of(), BrokenLinkWalker.brokenLinks(site));
  }

  @Test
  void aBrokenUserTemplateIsNamedWithItsLine() throws IOException {
    Path user = tmp.resolve("broken");
    Files.createDirectories(user);
    Files.writeString(
        user.resolve("skills.peb"),
        "{% extends \"layout\" %}\n{% block content %}\n{% if view.count > %}x{% endif %}{% endblock %}\n");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> new SiteGenerator(Optional.of(user)));
    assertEquals(
        "template skills.peb:3: error: Unexpected token \"EXECUTE_END\" of value \"%}\"",
        e.getMessage());
  }

  @Test
  void aMissingUserTemplatesFolderMeansOursThroughout() throws IOException {
    Path site = tmp.resolve("site");
    new SiteGenerator(Optional.of(tmp.resolve("no-such-folder")))
        .generate(
            new SiteInput(new CatalogFixture().skill("oban").add().catalog(), Map.of()), site);
    assertEquals(
        1,
        Jsoup.parse(site.resolve("skills/oban/index.html").toFile(), "UTF-8")
            .select("#ss-install")
            .size());
  }
}
