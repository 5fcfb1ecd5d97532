package dev.skillsite.routing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.routing.eval.EvalCase;
import dev.skillsite.routing.eval.EvalFile;
import dev.skillsite.routing.eval.Evaluator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The author-written trigger evals, each set with its collection: the 13 of {@code
 * ../shared/corpora/trigger-evals} ({@link #ROOT}) and the 34 of {@code
 * ../shared/trigger-evals-more} ({@link #MORE}), as their INDEX.json lists them. The skill a
 * boolean label is about is the eval file's {@code target} in the index, else the skill whose
 * folder is the closest ancestor of the file (or the collection's only skill name); the file's own
 * {@code skill_name} is read by {@link EvalFile} when neither says. A set's {@code drop_skills}
 * (fixtures, templates) are left out of its collection. Cases naming a skill the collection does
 * not hold are kept apart ({@link EvalSet#notScored}). obra__superpowers prompts are read from
 * their .txt files with the collector's {@code _expected-skills.json}.
 */
final class TriggerEvalSets {
  static final Path ROOT = Path.of("../shared/corpora/trigger-evals");
  static final Path MORE = Path.of("../shared/trigger-evals-more");

  /**
   * One set: a collection and its cases.
   *
   * @param skipped SKILL.md files of the collection that could not be read (strict frontmatter)
   * @param notScored cases whose expected skill is not in the collection
   */
  record EvalSet(
      String folder,
      List<Skill> skills,
      List<EvalCase> cases,
      List<EvalCase> notScored,
      List<String> skipped) {
    /**
     * The set's main script: "zh", "ko", "ja", "ru" or "en" (Latin), by the letters of its queries.
     */
    String script() {
      return Scripts.of(cases.stream().map(EvalCase::query).toList());
    }
  }

  private TriggerEvalSets() {}

  /** The first 13 sets. */
  static List<EvalSet> load() throws IOException {
    return load(ROOT);
  }

  /** All sets of both folders (those of a missing folder left out). */
  static List<EvalSet> loadAll() throws IOException {
    List<EvalSet> out = new ArrayList<>(load(ROOT));
    if (Files.isDirectory(MORE)) {
      out.addAll(load(MORE));
    }
    return out;
  }

  static List<EvalSet> load(Path base) throws IOException {
    JsonObject index =
        JsonParser.parseString(Files.readString(base.resolve("INDEX.json"), StandardCharsets.UTF_8))
            .getAsJsonObject();
    List<EvalSet> out = new ArrayList<>();
    for (JsonElement e : index.getAsJsonArray("sets")) {
      JsonObject set = e.getAsJsonObject();
      String folder = set.get("folder").getAsString();
      Path root = base.resolve(folder);
      Set<String> drop = new HashSet<>();
      if (set.has("drop_skills")) {
        set.getAsJsonArray("drop_skills").forEach(d -> drop.add(d.getAsString()));
      }
      Catalog catalog = new ContentLoader().load(root);
      List<Skill> loaded =
          catalog.skills().stream().filter(s -> !drop.contains(s.source())).toList();
      List<Skill> skills = loaded;
      List<EvalCase> cases = new ArrayList<>();
      if (folder.equals("obra__superpowers")) {
        cases.addAll(obra(root));
      } else {
        for (JsonElement f : set.getAsJsonArray("eval_files")) {
          JsonObject file = f.getAsJsonObject();
          String rel = file.get("path").getAsString();
          Optional<String> target =
              file.has("target") && file.get("target").isJsonPrimitive()
                  ? Optional.of(file.get("target").getAsString())
                  : Optional.empty();
          Path p = root.resolve(rel);
          boolean own = hasOwnSkill(p);
          Optional<String> about =
              target.isPresent()
                  ? target
                  : skillFor(rel, skills, own).or(() -> onlyListedName(set, own));
          cases.addAll(EvalFile.read(p, about));
        }
      }
      Evaluator.Split split =
          Evaluator.split(cases, n -> skills.stream().anyMatch(s -> s.name().equals(n)));
      out.add(
          new EvalSet(folder, skills, split.scored(), split.unknown(), catalog.skippedSources()));
    }
    return out;
  }

  /**
   * The one skill name INDEX.json lists for the set, when the collection could not be read to say
   * it (a SKILL.md strict YAML rejects is skipped, and its cases are then reported as not scored).
   */
  private static Optional<String> onlyListedName(JsonObject set, boolean fileNamesIt) {
    Set<String> names = new HashSet<>();
    for (JsonElement s : set.getAsJsonArray("skills")) {
      JsonElement n = s.getAsJsonObject().get("name");
      if (n != null && n.isJsonPrimitive()) {
        names.add(n.getAsString());
      }
    }
    return names.size() == 1 && !fileNamesIt
        ? Optional.of(names.iterator().next())
        : Optional.empty();
  }

  /** Whether the eval file names its skill itself ({@code skill_name} or {@code skill}). */
  private static boolean hasOwnSkill(Path file) throws IOException {
    String t = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (!t.startsWith("{")) {
      return false;
    }
    try {
      JsonObject o = JsonParser.parseString(t).getAsJsonObject();
      return (o.has("skill_name") && o.get("skill_name").isJsonPrimitive())
          || (o.has("skill") && o.get("skill").isJsonPrimitive());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The skill whose folder is the closest ancestor of {@code evalPath}, else the only skill name;
   * none when the file names its skill itself and no folder holds it.
   */
  static Optional<String> skillFor(String evalPath, List<Skill> skills, boolean fileNamesIt) {
    Skill best = null;
    for (Skill s : skills) {
      String dir = s.dir();
      if ((dir.isEmpty() || evalPath.startsWith(dir + "/"))
          && (best == null || dir.length() > best.dir().length())) {
        best = s;
      }
    }
    if (best != null) {
      return Optional.of(best.name());
    }
    List<String> names = skills.stream().map(Skill::name).distinct().toList();
    return names.size() == 1 && !fileNamesIt ? Optional.of(names.get(0)) : Optional.empty();
  }

  static Optional<String> skillFor(String evalPath, List<Skill> skills) {
    return skillFor(evalPath, skills, false);
  }

  private static List<EvalCase> obra(Path root) throws IOException {
    JsonObject expected =
        JsonParser.parseString(
                Files.readString(root.resolve("_expected-skills.json"), StandardCharsets.UTF_8))
            .getAsJsonObject();
    List<EvalCase> out = new ArrayList<>();
    for (Map.Entry<String, JsonElement> dir : expected.entrySet()) {
      if (!dir.getKey().endsWith("/prompts")) {
        continue;
      }
      for (Map.Entry<String, JsonElement> f : dir.getValue().getAsJsonObject().entrySet()) {
        if (f.getKey().startsWith("_")) {
          continue;
        }
        String skill = f.getValue().getAsString().replace(" (inferred)", "").strip();
        String prompt =
            Files.readString(
                root.resolve(dir.getKey()).resolve(f.getKey()), StandardCharsets.UTF_8);
        out.add(EvalCase.positive(prompt.strip(), List.of(skill)));
      }
    }
    return out;
  }
}
