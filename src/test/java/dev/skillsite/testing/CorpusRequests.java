package dev.skillsite.testing;

import dev.skillsite.model.Skill;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests a routing test asks over a collection ({@link CorpusSkills}): every trigger phrase
 * and keyword of its skills, then every request of an eval set ({@code ../shared/eval/*.jsonl}, a
 * JSON object a line with its {@code "query"}), each once, in that order.
 */
public final class CorpusRequests {
  private static final Pattern QUERY = Pattern.compile("\"query\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private CorpusRequests() {}

  /**
   * The triggers of {@code skills} and the requests of {@code eval}; a set the caller may add to.
   */
  public static LinkedHashSet<String> triggersAndEval(List<Skill> skills, Path eval)
      throws IOException {
    LinkedHashSet<String> q = new LinkedHashSet<>();
    for (Skill s : skills) {
      q.addAll(s.triggers().phrases());
      q.addAll(s.triggers().keywords());
    }
    for (String line : Files.readAllLines(eval)) {
      Matcher m = QUERY.matcher(line);
      if (m.find()) {
        q.add(m.group(1).replace("\\\"", "\""));
      }
    }
    return q;
  }
}
