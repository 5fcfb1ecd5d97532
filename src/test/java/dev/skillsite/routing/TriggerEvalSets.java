package dev.skillsite.routing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Skill;
import dev.skillsite.routing.eval.EvalCase;
import dev.skillsite.routing.eval.EvalFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The author-written trigger evals of {@code ../shared/corpora/trigger-evals} (see its INDEX.json), each
 * set with its collection. The skill a single-skill file is about is the skill whose folder is the
 * closest ancestor of the file (or the collection's only skill name). obra__superpowers prompts are read
 * from their .txt files with the collector's {@code _expected-skills.json}.
 */
final class TriggerEvalSets {
  static final Path ROOT = Path.of("../shared/corpora/trigger-evals");

  /** One set: a collection and its cases. */
  record Set(String folder, List<Skill> skills, List<EvalCase> cases) {}

  private TriggerEvalSets() {}

  static List<Set> load() throws IOException {
    JsonObject index = JsonParser.parseString(Files.readString(ROOT.resolve("INDEX.json"), StandardCharsets.UTF_8))
        .getAsJsonObject();
    List<Set> out = new ArrayList<>();
    for (JsonElement e : index.getAsJsonArray("sets")) {
      JsonObject set = e.getAsJsonObject();
      String folder = set.get("folder").getAsString();
      Path root = ROOT.resolve(folder);
      List<Skill> skills = RouterFactory.withTriggers(new ContentLoader().load(root).skills());
      List<EvalCase> cases = new ArrayList<>();
      if (folder.equals("obra__superpowers")) {
        cases.addAll(obra(root));
      } else {
        for (JsonElement f : set.getAsJsonArray("eval_files")) {
          String rel = f.getAsJsonObject().get("path").getAsString();
          cases.addAll(EvalFile.read(root.resolve(rel), skillFor(rel, skills)));
        }
      }
      out.add(new Set(folder, skills, cases));
    }
    return out;
  }

  /** The skill whose folder is the closest ancestor of {@code evalPath}, else the only skill name. */
  static Optional<String> skillFor(String evalPath, List<Skill> skills) {
    Skill best = null;
    for (Skill s : skills) {
      String dir = s.dir();
      if ((dir.isEmpty() || evalPath.startsWith(dir + "/")) && (best == null || dir.length() > best.dir().length())) {
        best = s;
      }
    }
    if (best != null) {
      return Optional.of(best.name());
    }
    List<String> names = skills.stream().map(Skill::name).distinct().toList();
    return names.size() == 1 ? Optional.of(names.get(0)) : Optional.empty();
  }

  private static List<EvalCase> obra(Path root) throws IOException {
    JsonObject expected = JsonParser.parseString(
        Files.readString(root.resolve("_expected-skills.json"), StandardCharsets.UTF_8)).getAsJsonObject();
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
        String prompt = Files.readString(root.resolve(dir.getKey()).resolve(f.getKey()), StandardCharsets.UTF_8);
        out.add(EvalCase.positive(prompt.strip(), List.of(skill)));
      }
    }
    return out;
  }
}
