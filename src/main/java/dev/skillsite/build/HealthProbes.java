package dev.skillsite.build;

import dev.skillsite.cache.IndexAnswers;
import dev.skillsite.cache.RecordTable;
import dev.skillsite.check.ProbeOutcome;
import dev.skillsite.check.RouteProbe;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.site.HealthState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The state the health side of a patch build reads ({@code .skillsite-cache/patch/health.tab}, a
 * {@link RecordTable}: opened, never read whole), written by every cached full or incremental
 * build: for each distinct trigger the health check probes, the skills that have it and whether
 * they list it (a phrase or keyword: only those make collisions); for each skill with a summary of
 * the collection's own ({@code summaries:}), that summary (the search export shows it).
 *
 * <p>The decision ({@link #changed}): a re-ranked trigger changes what the health shows only
 * through its {@link ProbeOutcome} for a skill that has it (the skill it routes to first; the
 * collision as printed). When every such outcome is the same before and after, the health report
 * and every skill's health section are as before, so no health file changes.
 */
final class HealthProbes {
  /** Where the state lives inside the build cache. */
  static final String FILE = "patch/health.tab";

  /**
   * The trigger records patches changed since the last full build (site path, a {@link RecordTable}
   * looked up before {@link #FILE}; a full build writes none): a patch that changes a skill's
   * triggers writes it whole, with the records of every trigger the skill gained or lost.
   */
  static final String DELTA = dev.skillsite.cache.BuildCache.FOLDER + "/patch/health-probes.tab";

  private static final String DELTA_KEYS = "keys";

  private static final String TRIGGER = "t:";
  private static final String SUMMARY = "s:";

  private HealthProbes() {}

  /** One skill that has a trigger. */
  record Probe(SkillId owner, boolean listed) {}

  /** Writes the state of {@code catalog} to {@code file}. */
  static void write(Path file, Catalog catalog) throws IOException {
    Map<String, List<Probe>> probes = new TreeMap<>();
    for (Skill s : catalog.skills()) {
      int listed = s.triggers().phrases().size() + s.triggers().keywords().size();
      List<String> all = s.triggers().all();
      for (int i = 0; i < all.size(); i++) {
        probes
            .computeIfAbsent(all.get(i), k -> new ArrayList<>())
            .add(new Probe(s.id(), i < listed));
      }
    }
    Map<String, byte[]> records = new HashMap<>();
    probes.forEach((t, list) -> records.put(TRIGGER + t, encode(list)));
    Map<String, String> summaries = catalog.config().summaries();
    for (Skill s : catalog.skills()) {
      String own = summaries.getOrDefault(s.name(), summaries.get(s.id().value()));
      if (own != null) {
        records.put(SUMMARY + s.id().value(), own.getBytes(StandardCharsets.UTF_8));
      }
    }
    RecordTable.write(file, records);
  }

  /**
   * The records of {@code table} with those of {@code delta} first (the triggers patches changed
   * since the last full build).
   */
  record View(RecordTable table, Optional<RecordTable> delta) {
    /** The skills that have {@code trigger} now; empty for a phrase no skill has. */
    List<Probe> probes(String trigger) throws IOException {
      if (delta.isPresent()) {
        Optional<byte[]> patched = delta.get().get(TRIGGER + trigger);
        if (patched.isPresent()) {
          return decode(trigger, patched.get());
        }
      }
      return HealthProbes.probes(table, trigger);
    }

    /**
     * The delta table's bytes: its records and {@code changed} (trigger → the skills that have it
     * now; the latter win). O(triggers patched since the last full build).
     */
    byte[] deltaWith(Map<String, List<Probe>> changed) throws IOException {
      Map<String, byte[]> records = new HashMap<>();
      if (delta.isPresent()) {
        Optional<byte[]> keys = delta.get().get(DELTA_KEYS);
        if (keys.isPresent()) {
          for (String k : new String(keys.get(), StandardCharsets.UTF_8).split("\n")) {
            if (!k.isEmpty()) {
              delta.get().get(k).ifPresent(b -> records.put(k, b));
            }
          }
        }
      }
      changed.forEach((t, list) -> records.put(TRIGGER + t, encode(list)));
      records.put(
          DELTA_KEYS,
          String.join("\n", new TreeSet<>(records.keySet())).getBytes(StandardCharsets.UTF_8));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      RecordTable.write(out, records);
      return out.toByteArray();
    }
  }

  private static byte[] encode(List<Probe> list) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(list.size());
      for (Probe p : list) {
        out.writeUTF(p.owner().value());
        out.writeBoolean(p.listed());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The skills that have {@code trigger}; empty for a phrase no skill has (or a damaged record).
   */
  static List<Probe> probes(RecordTable table, String trigger) throws IOException {
    Optional<byte[]> record = table.get(TRIGGER + trigger);
    if (record.isEmpty()) {
      return List.of();
    }
    return decode(trigger, record.get());
  }

  private static List<Probe> decode(String trigger, byte[] record) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
      int n = in.readInt();
      if (n < 0 || n > record.length) {
        throw new IOException("a damaged health state record: " + trigger);
      }
      List<Probe> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(new Probe(new SkillId(in.readUTF()), in.readBoolean()));
      }
      return out;
    }
  }

  /** The summaries the collection gives {@code s} ({@code summaries:}), for its search entry. */
  static Map<String, String> summaries(RecordTable table, SkillId id) {
    return table
        .get(SUMMARY + id.value())
        .map(b -> Map.of(id.value(), new String(b, StandardCharsets.UTF_8)))
        .orElse(Map.of());
  }

  /**
   * Why the routing health shows something else now, or empty when it shows the same: each trigger
   * of {@code after} (its ranking now) against {@code before} (its ranking before the patch; a
   * trigger missing there is new), for every skill that has it.
   */
  static Optional<String> changed(
      RecordTable table,
      Map<String, List<IndexAnswers.Ranked>> before,
      Map<String, List<IndexAnswers.Ranked>> after)
      throws IOException {
    Collection<String> asked = new TreeSet<>(after.keySet());
    for (String q : asked) {
      List<IndexAnswers.Ranked> was = before.get(q);
      if (was == null) {
        return Optional.of("trigger \"" + q + "\" is new to the routing health");
      }
      List<Probe> probes = probes(table, q);
      if (probes.isEmpty()) { // every ranked trigger was probed: a damaged or foreign record
        return Optional.of("no routing health record for trigger \"" + q + "\"");
      }
      for (Probe p : probes) {
        ProbeOutcome then = ProbeOutcome.of(p.owner(), q, p.listed(), hits(was));
        ProbeOutcome now = ProbeOutcome.of(p.owner(), q, p.listed(), hits(after.get(q)));
        if (!then.equals(now)) {
          return Optional.of(changeReason(p, q, then, now) + " (health pages are not patched yet)");
        }
      }
    }
    return Optional.empty();
  }

  /**
   * What a patch does for the routing health: the collision rows whose printed scores moved ({@code
   * rows}, patched by {@link HealthState#patch}), the rows that come or go ({@code edits}), the
   * skills no change touched whose reachability or unreachable entry must be made again from all
   * their triggers' tops ({@code reach}: a trigger of a listed-unreachable skill that another skill
   * takes now, or the trigger that reached a reachable one), or why it cannot ({@code cannot}: a
   * collision came or went for a skill no change touched, a trigger new to the routing health).
   */
  record Decision(
      List<HealthState.Row> rows,
      List<HealthState.PairEdit> edits,
      Optional<String> cannot,
      Set<SkillId> reach) {
    Decision(
        List<HealthState.Row> rows, List<HealthState.PairEdit> edits, Optional<String> cannot) {
      this(rows, edits, cannot, Set.of());
    }

    Decision(List<HealthState.Row> rows, Optional<String> cannot) {
      this(rows, List.of(), cannot);
    }

    static Decision no(String why) {
      return new Decision(List.of(), Optional.of(why));
    }
  }

  /**
   * Each probe whose outcome moved (as {@link #changed} finds them) sorted into what {@link
   * HealthState} patches and what it cannot: only a listed trigger whose first skill and rival and
   * kind stay, with other printed scores, is a row; a first skill that moves between two other
   * skills for an unlisted trigger of a reachable skill shows nowhere.
   */
  static Decision decide(
      RecordTable table,
      HealthState state,
      Map<String, List<IndexAnswers.Ranked>> before,
      Map<String, List<IndexAnswers.Ranked>> after)
      throws IOException {
    return decide(
        new View(table, Optional.empty()), state, before, after, Map.of(), Map.of(), Set.of());
  }

  /**
   * As {@link #decide(RecordTable, HealthState, Map, Map)}, when changed skills' triggers changed:
   * {@code was} and {@code now} hold, for each trigger a changed skill gained or lost, the skills
   * that had it and have it (every other trigger's are {@code view}'s, the same before and after).
   * A probe a changed skill gained or lost shows only through a collision (refused: a pair's rows
   * would come or go) or through the skill's reachability (the caller checks it).
   */
  static Decision decide(
      View view,
      HealthState state,
      Map<String, List<IndexAnswers.Ranked>> before,
      Map<String, List<IndexAnswers.Ranked>> after,
      Map<String, List<Probe>> was,
      Map<String, List<Probe>> now,
      Set<SkillId> changed)
      throws IOException {
    List<HealthState.Row> rows = new ArrayList<>();
    List<HealthState.PairEdit> edits = new ArrayList<>();
    Set<SkillId> reach = new TreeSet<>(java.util.Comparator.comparing(SkillId::value));
    for (String q : new TreeSet<>(after.keySet())) {
      List<IndexAnswers.Ranked> ranked = before.get(q);
      List<Probe> owners = was.containsKey(q) ? was.get(q) : view.probes(q);
      List<Probe> ownersNow = now.containsKey(q) ? now.get(q) : owners;
      if (ranked == null && !owners.isEmpty()) {
        return Decision.no("trigger \"" + q + "\" is new to the routing health");
      }
      if (owners.isEmpty() && ownersNow.isEmpty()) {
        return Decision.no("no routing health record for trigger \"" + q + "\"");
      }
      List<Probe> lost = new ArrayList<>(owners);
      for (Probe p : ownersNow) {
        if (!lost.remove(p)) { // a probe a changed skill gained
          ProbeOutcome o = ProbeOutcome.of(p.owner(), q, p.listed(), hits(after.get(q)));
          if (o.collision().isPresent()) {
            if (!changed.contains(p.owner())) {
              return Decision.no(
                  p.owner().value()
                      + "'s new trigger \""
                      + q
                      + "\" collides ["
                      + o.collision().get()
                      + "] (a collision came)");
            }
            edits.add(edit(p.owner(), q, o.collision().get(), true));
          }
          continue;
        }
        ProbeOutcome then = ProbeOutcome.of(p.owner(), q, p.listed(), hits(ranked));
        ProbeOutcome is = ProbeOutcome.of(p.owner(), q, p.listed(), hits(after.get(q)));
        if (then.equals(is)) {
          continue;
        }
        // a changed skill's own rows come and go (its reachability is the caller's: Moves)
        boolean own = changed.contains(p.owner());
        if (!then.top().equals(is.top())) {
          if (own) {
            if (p.listed()) {
              then.collision().ifPresent(c -> edits.add(edit(p.owner(), q, c, false)));
              is.collision().ifPresent(c -> edits.add(edit(p.owner(), q, c, true)));
            }
            continue;
          }
          boolean reached = is.top().equals(Optional.of(p.owner()));
          if (reached && !state.unreachable(p.owner())) {
            // a reachable skill a trigger routes to first now: it stays reachable
          } else if (then.top().equals(Optional.of(p.owner())) || state.unreachable(p.owner())) {
            // its reachability (a trigger that reached it taken: is another one left?) or its
            // unreachable entry (who takes its triggers) is made again from all its triggers
            // (RoutingWire.reachOf)
            reach.add(p.owner());
          } // else a reachable skill keeps the trigger that reaches it (neither top is it)
          if (p.listed()) {
            // another skill takes a listed trigger from a third one: the owner's row moves to the
            // new rival's pair (and its reachability is the caller's, above)
            rowMoved(p.owner(), q, then, is, edits);
          }
          continue; // an unlisted trigger taken by another rival: not shown but in the entry
        }
        String[] a = then.collision().isEmpty() ? null : shown(then.collision().get());
        String[] b = is.collision().isEmpty() ? null : shown(is.collision().get());
        if (a == null || b == null || !a[0].equals(b[0]) || !a[3].equals(b[3])) {
          if (!own) {
            // the same top: its reachability stays, and an unreachable entry (made from its
            // triggers' tops alone: UnreachableEntry) reads the same
            rowMoved(p.owner(), q, then, is, edits);
            continue;
          }
          then.collision().ifPresent(c -> edits.add(edit(p.owner(), q, c, false)));
          is.collision().ifPresent(c -> edits.add(edit(p.owner(), q, c, true)));
          continue;
        }
        rows.add(new HealthState.Row(p.owner(), new SkillId(b[0]), q, b[1], b[2]));
      }
      for (Probe p : lost) { // a probe a changed skill lost
        if (ranked != null && p.listed()) {
          ProbeOutcome o = ProbeOutcome.of(p.owner(), q, true, hits(ranked));
          if (o.collision().isPresent()) {
            if (!changed.contains(p.owner())) {
              return Decision.no(
                  p.owner().value()
                      + " no longer has trigger \""
                      + q
                      + "\", which collided (a collision went)");
            }
            edits.add(edit(p.owner(), q, o.collision().get(), false));
          }
        }
      }
    }
    reach.removeIf(changed::contains); // a changed skill's reachability is the caller's (Moves)
    return new Decision(rows, edits, Optional.empty(), reach);
  }

  /**
   * The row edits of a skill no change touched whose listed trigger now collides with another rival
   * or of another kind ({@code then} → {@code now}, the same trigger and so the same place in its
   * SKILL.md): the old row deleted, the new one inserted (its finding is placed where the old one
   * was, or where its published SKILL.md lists the trigger, see {@code RoutingWire.patchHealth}),
   * the old row deleted when the collision went, the new one inserted when one came.
   */
  private static void rowMoved(
      SkillId owner,
      String q,
      ProbeOutcome then,
      ProbeOutcome now,
      List<HealthState.PairEdit> edits) {
    then.collision().ifPresent(c -> edits.add(edit(owner, q, c, false)));
    now.collision().ifPresent(c -> edits.add(edit(owner, q, c, true)));
  }

  /** A collision row of {@code owner}'s trigger as {@link ProbeOutcome} prints it, come or gone. */
  private static HealthState.PairEdit edit(
      SkillId owner, String trigger, String collision, boolean added) {
    String[] c = shown(collision);
    return new HealthState.PairEdit(owner, new SkillId(c[0]), trigger, added, c[1], c[2], c[3]);
  }

  /** A collision as {@link ProbeOutcome} prints it: rival, owner score, rival score, kind. */
  private static String[] shown(String collision) {
    String[] out = new String[4];
    String rest = collision;
    for (int i = 3; i >= 1; i--) {
      int space = rest.lastIndexOf(' ');
      out[i] = rest.substring(space + 1);
      rest = rest.substring(0, space);
    }
    out[0] = rest;
    return out;
  }

  /** Why a probe's outcome moved, as a refusal says it. */
  private static String changeReason(Probe p, String q, ProbeOutcome then, ProbeOutcome now) {
    return "the routing health of "
        + p.owner().value()
        + " changes: trigger \""
        + q
        + "\" "
        + describe(then)
        + " → "
        + describe(now);
  }

  private static String describe(ProbeOutcome o) {
    return o.top().map(SkillId::value).orElse("(abstains)")
        + o.collision().map(c -> " [" + c + "]").orElse("");
  }

  private static List<RouteProbe.Ranked> hits(List<IndexAnswers.Ranked> ranked) {
    return ranked.stream().map(r -> new RouteProbe.Ranked(r.id(), r.score())).toList();
  }
}
