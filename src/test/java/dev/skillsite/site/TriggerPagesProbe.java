package dev.skillsite.site;

import dev.skillsite.site.view.TriggerEntry;
import dev.skillsite.site.view.TriggersPage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * For tests of other packages: which edits move the page count of a built site's trigger index,
 * found as a whole build splits it ({@link ListPages#triggerPages}) over the rows its list state
 * records.
 */
public final class TriggerPagesProbe {
  private TriggerPagesProbe() {}

  /**
   * The phrases of {@code candidates} that, each added alone as a phrase of the skill named {@code
   * name}, give the trigger index of {@code site} another page count.
   */
  public static List<String> movingTheCount(Path site, String name, List<String> candidates)
      throws IOException {
    try (ListState state = ListState.open(site).orElseThrow()) {
      int count = state.triggerPages();
      List<TriggerEntry> rows = rows(state, count);
      TriggerEntry own =
          rows.stream().filter(r -> r.skillName().equals(name)).findFirst().orElseThrow();
      List<String> out = new ArrayList<>();
      for (String c : candidates) {
        List<TriggerEntry> now = new ArrayList<>(rows);
        now.add(new TriggerEntry(c, "phrase", name, own.href()));
        now.sort(ListPages.TRIGGER_ORDER);
        if (ListPages.triggerPages(now).size() != count) {
          out.add(c);
        }
      }
      return out;
    }
  }

  /**
   * A fixture for an edit that moves the page count: the trigger index of {@code site} (its skills
   * named {@code names}, each with rows) with the first {@code k} of {@code extra} added as phrases
   * (the i-th to skill {@code names[i % names.length]}), for the least {@code k} from which one of
   * {@code candidates}, added alone as a phrase of skill {@code name}, moves the page count: {@code
   * k}, a tab and that candidate; empty if none.
   */
  public static java.util.Optional<String> fixture(
      Path site, List<String> names, List<String> extra, String name, List<String> candidates)
      throws IOException {
    try (ListState state = ListState.open(site).orElseThrow()) {
      int count = state.triggerPages();
      List<TriggerEntry> rows = rows(state, count);
      java.util.Map<String, String> href = new java.util.HashMap<>();
      rows.forEach(r -> href.putIfAbsent(r.skillName(), r.href()));
      for (int k = 0; k <= extra.size(); k++) {
        List<TriggerEntry> base = new ArrayList<>(rows);
        for (int i = 0; i < k; i++) {
          String who = names.get(i % names.size());
          base.add(new TriggerEntry(extra.get(i), "phrase", who, href.get(who)));
        }
        base.sort(ListPages.TRIGGER_ORDER);
        int was = ListPages.triggerPages(base).size();
        for (String c : candidates) {
          List<TriggerEntry> now = new ArrayList<>(base);
          now.add(new TriggerEntry(c, "phrase", name, href.get(name)));
          now.sort(ListPages.TRIGGER_ORDER);
          if (ListPages.triggerPages(now).size() != was) {
            return java.util.Optional.of(k + "\t" + c);
          }
        }
      }
      return java.util.Optional.empty();
    }
  }

  /**
   * The rows of the trigger index of {@code site} that, each removed alone, give it another page
   * count: each as its skill's name, a tab and its text.
   */
  public static List<String> removalsMovingTheCount(Path site) throws IOException {
    try (ListState state = ListState.open(site).orElseThrow()) {
      int count = state.triggerPages();
      List<TriggerEntry> rows = rows(state, count);
      rows.sort(ListPages.TRIGGER_ORDER);
      List<String> out = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        List<TriggerEntry> now = new ArrayList<>(rows);
        TriggerEntry gone = now.remove(i);
        if (ListPages.triggerPages(now).size() != count) {
          out.add(gone.skillName() + "\t" + gone.text());
        }
      }
      return out;
    }
  }

  /** The rows of the trigger index's {@code count} pages of {@code state}, in order. */
  private static List<TriggerEntry> rows(ListState state, int count) throws IOException {
    List<TriggerEntry> rows = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      TriggersPage v =
          (TriggersPage) state.page(Paging.path(SiteLayout.TRIGGERS, n)).orElseThrow().typed();
      v.groups().forEach(g -> rows.addAll(g.entries()));
    }
    return rows;
  }
}
