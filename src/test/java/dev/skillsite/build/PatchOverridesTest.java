package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.check.RoutingHealthView;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.SkillId;
import dev.skillsite.output.OutputLock;
import dev.skillsite.site.RelatedSkill;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.site.SkillPagesPatch;
import dev.skillsite.site.view.RelatedCard;
import dev.skillsite.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The re-render API the routing side feeds ({@link PatchBuild#stageOverrides}): a skill's page made
 * again from the last build's record with another related list and health section is, byte for
 * byte, the page a clean build makes when those are the skill's related list and health. Two clean
 * builds of {@code anthropic}: the second with a declared relation in {@code skillsite.yaml} and a
 * trigger phrase of {@code webapp-testing}'s added to {@code mcp-builder}'s description (its
 * summary the same), which move one skill's related cards and other skills' health sections; the
 * first build's site, given the second's lists, stages the second's pages of those skills.
 */
class PatchOverridesTest {
  private static final Path CORPUS = Path.of("../shared/corpora/anthropic");

  @TempDir Path tmp;

  @Test
  void aPageWithTheCleanBuildsRelatedListAndHealthIsTheCleanBuildsPage() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path moved = tmp.resolve("moved");
    Trees.copy(CORPUS, moved);
    Files.writeString(
        moved.resolve("skillsite.yaml"),
        "related:\n  theme-factory: [mcp-builder]\n",
        StandardCharsets.UTF_8);
    // a trigger phrase of webapp-testing's given to mcp-builder: rivals in health, same summary
    Path rival = moved.resolve("skills/mcp-builder/SKILL.md");
    Files.writeString(
        rival,
        Files.readString(rival)
            .replaceFirst(
                "(?m)^(description: .*)$",
                "$1 Use when the user asks to \"test local web applications using Playwright\"."));
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    build(content, a);
    build(moved, b);

    SkillId related = new SkillId("theme-factory");
    Map<SkillId, List<RelatedSkill>> relatedLists = new HashMap<>();
    Map<SkillId, List<RoutingHealthView.SkillHealth>> health = new HashMap<>();
    List<SkillId> healthMoved = new ArrayList<>();
    try (SkillPagesPatch.State sa = SkillPagesPatch.State.open(a).orElseThrow();
        SkillPagesPatch.State sb = SkillPagesPatch.State.open(b).orElseThrow()) {
      assertNotEquals(sa.related(related), sb.related(related));
      relatedLists.put(related, relatedSkills(sb.related(related).orElseThrow()));
      for (SkillId id : ids(content)) {
        if (!sa.health(id).equals(sb.health(id))) {
          healthMoved.add(id);
          if (!id.value().equals("mcp-builder")) {
            health.put(id, sb.health(id).orElseThrow());
          }
        }
      }
    }
    healthMoved.remove(new SkillId("mcp-builder")); // its own page changed with its description
    assertFalse(healthMoved.isEmpty(), "the rival moved no other skill's health section");

    // a skill the edit does not move, handed its own list: its page made again is the published
    // one, byte for byte, and is not staged (nothing to publish)
    SkillId same =
        ids(content).stream()
            .filter(id -> !healthMoved.contains(id) && !id.equals(related))
            .filter(id -> !id.value().equals("mcp-builder"))
            .findFirst()
            .orElseThrow();
    String samePage = "skills/" + same.value() + "/index.html";
    try (SkillPagesPatch.State sa = SkillPagesPatch.State.open(a).orElseThrow()) {
      relatedLists.put(same, relatedSkills(sa.related(same).orElseThrow()));
    }
    assertEquals(Files.readString(a.resolve(samePage)), Files.readString(b.resolve(samePage)));
    SkillPagesPatch.Overrides overrides = new SkillPagesPatch.Overrides(relatedLists, health);
    BuildOptions options = new BuildOptions(content, a, Optional.empty(), true, true);
    String key = PatchState.key(SiteGenerator.identityOf(Optional.empty()), options);
    Path staging = tmp.resolve("staging");
    List<String> staged = new ArrayList<>();
    PatchBuild.OthersTally tally = new PatchBuild.OthersTally();
    try (PatchState state = PatchState.open(a, key).state().orElseThrow();
        SkillPagesPatch.State pages = SkillPagesPatch.State.open(a).orElseThrow()) {
      Optional<String> why =
          PatchBuild.stageOverrides(
              state,
              PatchOverlay.empty(),
              pages,
              new SkillPagesPatch(Optional.empty()),
              new ContentLoader(),
              content.toRealPath(),
              overrides,
              Set.of(),
              staging,
              staged,
              PatchBuild.SoFar.NONE,
              Optional.of(a),
              tally);
      assertEquals(Optional.empty(), why);
    }
    assertEquals(tally.asked, tally.made, tally.toString());
    assertEquals(PatchBuild.OTHERS_IDENTICAL ? 1 : 0, tally.identical, tally.toString());
    assertEquals(!PatchBuild.OTHERS_IDENTICAL, Files.exists(staging.resolve(samePage)));
    List<SkillId> expected = new ArrayList<>(healthMoved);
    if (!expected.contains(related)) {
      expected.add(related);
    }
    assertEquals(expected.size() + 1, tally.asked, tally.toString());
    // a page made again for its lists renders its body alone: one of them has references
    assertTrue(
        expected.stream().anyMatch(id -> withReferences(content, id)),
        "no page made again has references: " + expected);
    assertEquals(
        expected.size() + (PatchBuild.OTHERS_IDENTICAL ? 0 : 1), staged.size(), staged.toString());
    for (SkillId id : expected) {
      String page = "skills/" + id.value() + "/index.html";
      assertTrue(staged.contains(page), page);
      assertNotEquals(
          Files.readString(a.resolve(page)), Files.readString(b.resolve(page)), "moved: " + page);
      assertEquals(
          Files.readString(b.resolve(page)), Files.readString(staging.resolve(page)), page);
    }
  }

  /** A card's skill: its href is {@code ../<id>/index.html}. */
  private static List<RelatedSkill> relatedSkills(List<RelatedCard> cards) {
    return cards.stream()
        .map(c -> new RelatedSkill(new SkillId(c.href().split("/")[1]), c.reason(), c.declared()))
        .toList();
  }

  private static boolean withReferences(Path content, SkillId id) {
    try {
      return new ContentLoader()
          .load(content).skills().stream()
              .anyMatch(s -> s.id().equals(id) && !s.references().isEmpty());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<SkillId> ids(Path content) throws IOException {
    return new ContentLoader().load(content).skills().stream().map(s -> s.id()).toList();
  }

  private static void build(Path content, Path site) throws IOException {
    BuildResult r =
        new PatchBuild(
                () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
                Optional.empty(),
                OutputLock.Policy.build())
            .run(new BuildOptions(content, site, Optional.empty(), true, true), Optional.empty());
    assertTrue(r.published());
  }
}
