package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.skillsite.site.view.AuditBadge;
import dev.skillsite.site.view.CollectionPage;
import dev.skillsite.site.view.IndexPage;
import dev.skillsite.site.view.LetterGroup;
import dev.skillsite.site.view.LetterLink;
import dev.skillsite.site.view.LinkView;
import dev.skillsite.site.view.PageView;
import dev.skillsite.site.view.Pager;
import dev.skillsite.site.view.SkillCard;
import dev.skillsite.site.view.SkillsPage;
import dev.skillsite.site.view.TriggerEntry;
import dev.skillsite.site.view.TriggersPage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A list page record ({@link ListState.PageRecord}) is written as Gson wrote it when its view was
 * held as a JSON tree (the build cache's format, unchanged), and read back in one pass into the
 * typed view the tree gave: for every kind of list page, with awkward strings (quotes, backslashes,
 * HTML, non-ASCII, a surrogate pair), null fields and empty lists.
 */
class ListStateCodecTest {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  /** The record as the build cache held it before: the view as a JSON tree. */
  private record TreeRecord(String kind, PageView page, JsonElement view, int nextWeight) {}

  private static final String[] PIECES = {
    "café", "東京", "\"", "\\", "<b>&amp;</b>", "😀", "plain", " ", "\n", "\t", "{\"id\":", "'"
  };

  private static String text(Random r) {
    StringBuilder b = new StringBuilder();
    for (int k = r.nextInt(6); k > 0; k--) {
      b.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  private static SkillCard card(Random r, int i) {
    List<String> phrases = new ArrayList<>();
    for (int k = r.nextInt(4); k > 0; k--) {
      phrases.add(text(r));
    }
    AuditBadge audit =
        r.nextBoolean() ? AuditBadge.NONE : new AuditBadge("warn", text(r), "audit/" + i + ".html");
    return new SkillCard("c/s-" + i, "skills/s-" + i + ".html", text(r), text(r), phrases, audit);
  }

  private static List<SkillCard> cards(Random r, int n) {
    List<SkillCard> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(card(r, i));
    }
    return out;
  }

  private static PageView page(Random r, String kind, int n) {
    Pager pager =
        n <= 1
            ? Pager.NONE
            : new Pager(
                2,
                n,
                "index.html",
                "page_3.html",
                List.of(
                    new Pager.PageLink(1, "index.html", text(r), false, false),
                    new Pager.PageLink(2, "page_2.html", text(r), true, false),
                    new Pager.PageLink(n, "page_" + n + ".html", "", false, true)));
    // a null description: Gson leaves it out
    return new PageView(
        text(r),
        r.nextBoolean() ? null : text(r),
        "../",
        "https://x.test/" + kind,
        kind,
        false,
        pager);
  }

  private static List<ListState.PageRecord> records(Random r) {
    List<ListState.PageRecord> out = new ArrayList<>();
    out.add(
        new ListState.PageRecord(
            PageKind.INDEX.name(),
            page(r, "index", 3),
            new IndexPage(
                List.of(new LinkView("c/index.html", text(r), text(r))),
                cards(r, 5),
                r.nextInt(1000),
                RelationGraph.Graph.none(),
                5,
                1,
                text(r)),
            r.nextInt(900)));
    out.add(
        new ListState.PageRecord(
            PageKind.COLLECTION.name(),
            page(r, "collection", 1),
            new CollectionPage(
                "c", text(r), text(r), null, List.of(text(r), text(r)), null, "c/", cards(r, 3), 3),
            -1));
    out.add(
        new ListState.PageRecord(
            PageKind.SKILLS.name(),
            page(r, "skills", 2),
            new SkillsPage(
                List.of(
                    new LetterGroup<>("A", "a", cards(r, 2)),
                    new LetterGroup<>("É", "e", List.of())),
                2,
                List.of(new LetterLink("A", "#a"), new LetterLink("É", "#e"))),
            r.nextInt(900)));
    out.add(
        new ListState.PageRecord(
            PageKind.TRIGGERS.name(),
            page(r, "triggers", 4),
            new TriggersPage(
                List.of(
                    new LetterGroup<>(
                        "T",
                        "t",
                        List.of(
                            new TriggerEntry(text(r), "phrase", text(r), "s.html"),
                            new TriggerEntry(text(r), "keyword", text(r), null)))),
                2,
                List.of(new LetterLink("T", "#t"))),
            -1));
    return out;
  }

  @Test
  void aRecordIsWrittenAsThroughItsTreeAndReadBackAsItsTypedView() {
    Random random = new Random(27);
    for (int round = 0; round < 50; round++) {
      for (ListState.PageRecord r : records(random)) {
        byte[] written = ListState.encode(r);
        byte[] before =
            GSON.toJson(
                    new TreeRecord(r.kind(), r.page(), GSON.toJsonTree(r.view()), r.nextWeight()))
                .getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(before, written, r.kind() + ": the cache's bytes as before");
        ListState.PageRecord read = ListState.decodePage(written);
        assertEquals(r, read, r.kind() + ": read back as written");
        assertInstanceOf(r.view().getClass(), read.typed());
        assertArrayEquals(written, ListState.encode(read), r.kind() + ": written again the same");
      }
    }
  }

  @Test
  void aRecordWhoseViewComesBeforeItsKindReadsTheSame() {
    for (ListState.PageRecord r : records(new Random(5))) {
      JsonObject o =
          JsonParser.parseString(new String(ListState.encode(r), StandardCharsets.UTF_8))
              .getAsJsonObject();
      JsonObject reordered = new JsonObject();
      reordered.add("nextWeight", o.get("nextWeight"));
      reordered.add("view", o.get("view"));
      reordered.add("page", o.get("page"));
      reordered.add("kind", o.get("kind"));
      assertEquals(
          r, ListState.decodePage(GSON.toJson(reordered).getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void aRecordOfAnotherKindOrWithoutItsViewIsRefused() {
    ListState.PageRecord r = records(new Random(9)).get(0);
    JsonObject o =
        JsonParser.parseString(new String(ListState.encode(r), StandardCharsets.UTF_8))
            .getAsJsonObject();
    o.addProperty("kind", PageKind.HEALTH.name());
    byte[] health = GSON.toJson(o).getBytes(StandardCharsets.UTF_8);
    assertThrows(IllegalStateException.class, () -> ListState.decodePage(health));
    o.addProperty("kind", PageKind.INDEX.name());
    o.remove("view");
    byte[] viewless = GSON.toJson(o).getBytes(StandardCharsets.UTF_8);
    assertThrows(RuntimeException.class, () -> ListState.decodePage(viewless));
  }
}
