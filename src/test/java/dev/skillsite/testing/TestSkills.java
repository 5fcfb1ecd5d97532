package dev.skillsite.testing;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.model.Triggers;
import dev.skillsite.triggers.TriggerExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Small skills for tests: in memory for routing, or written as SKILL.md files into a content
 * folder.
 */
public final class TestSkills {
  private TestSkills() {}

  /**
   * Writes {@code skills} synthetic skills s00, s01, … under {@code content}/skills, skill s
   * quoting the phrases "task i" for i = s, s + skills, … below {@code rows}: a trigger index of
   * {@code rows} rows spread over every skill.
   */
  public static void synthetic(Path content, int skills, int rows) throws IOException {
    for (int s = 0; s < skills; s++) {
      StringBuilder d = new StringBuilder("Synthetic skill " + s + ". Use when the user asks");
      for (int i = s; i < rows; i += skills) {
        d.append(i == s ? " " : ", ").append(String.format("\"task %04d\"", i));
      }
      Path md = content.resolve(String.format("skills/s%02d/SKILL.md", s));
      Files.createDirectories(md.getParent());
      Files.writeString(
          md,
          String.format("---\nname: s%02d\ndescription: %s.\n---\n# S%02d\n\nA body.\n", s, d, s));
    }
  }

  /**
   * Writes {@code content}/skills/{@code name}/SKILL.md with that name, description and body;
   * returns it.
   */
  public static Path write(Path content, String name, String description, String body)
      throws IOException {
    Path f = content.resolve("skills/" + name + "/SKILL.md");
    Files.createDirectories(f.getParent());
    Files.writeString(
        f,
        "---\nname: "
            + name
            + "\ndescription: '"
            + description.replace("'", "''")
            + "'\n---\n# "
            + name
            + "\n\n"
            + body
            + "\n");
    return f;
  }

  public static Skill of(String name, String description, String body) {
    Skill s =
        new Skill(
            new SkillId(name),
            name,
            description,
            "skills/" + name + "/SKILL.md",
            "skills",
            Map.of("name", name, "description", description),
            body,
            4,
            List.of(),
            Triggers.NONE,
            List.of());
    return s.withTriggers(new TriggerExtractor().extract(description));
  }

  /** Five skills of different topics. */
  public static List<Skill> fixture() {
    return List.of(
        of(
            "otp-thinking",
            "This skill should be used when the user asks to \"cache this data\", \"run this async\", or mentions"
                + " GenServer, Supervisor, supervision trees, fault tolerance.",
            "# OTP\n\n## GenServer state\n\nKeep state in a GenServer process; let the supervisor restart it when"
                + " it crashes.\n\n## Supervision trees\n\nOne_for_one restarts only the crashed child.\n"),
        of(
            "pdf-forms",
            "Fill in PDF forms and extract text and tables from PDF documents. Use when the user asks to"
                + " \"fill this PDF form\" or mentions PDF, AcroForm.",
            "# PDF forms\n\n## Filling fields\n\nRead the AcroForm fields, then write the values.\n"),
        of(
            "git-commit",
            "Write conventional commit messages. Use when committing code changes or writing commit messages."
                + " Not for rewriting published history.",
            "# Commits\n\n## Conventional commits\n\nfeat, fix, docs, refactor: one type per commit.\n"),
        of(
            "docker-images",
            "Build small, secure Docker images with multi-stage builds. Use when writing a Dockerfile or"
                + " shrinking an image.",
            "# Docker\n\n## Multi-stage builds\n\nCompile in one stage, copy the binary into a slim runtime"
                + " image, run as a non-root user.\n"),
        of(
            "sql-tuning",
            "Speed up slow SQL queries: read query plans, add indexes, rewrite joins. Use when a query is slow"
                + " or a table scan shows up in EXPLAIN.",
            "# SQL tuning\n\n## Reading EXPLAIN\n\nA sequential scan on a large table usually means a missing"
                + " index.\n"));
  }
}
