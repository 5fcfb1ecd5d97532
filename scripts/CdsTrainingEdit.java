import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code java scripts/CdsTrainingEdit.java CONTENT COPY} (run by {@code mvn package}, before the
 * class-data archive of {@code build} is trained): copies the content folder CONTENT to COPY (made
 * again) and edits one SKILL.md there as a description and trigger edits do: one word of
 * oban-thinking's description and one word of a trigger phrase replaced, each by one word, and a
 * trigger phrase added with as many description words taken out (the fields' token counts stay,
 * so the patch is taken at 6 skills). The training patch then loads
 * what such a patch loads (the route step, Lucene, the health side, related lists, cards). A
 * replacement whose text is gone from CONTENT is skipped with a note: the patch trains on what is
 * left (an archive is a start-up saving, never a result).
 */
public final class CdsTrainingEdit {
  private static final String SKILL = "plugins/elixir/skills/oban-thinking/SKILL.md";
  private static final List<String[]> EDITS =
      List.of(
          new String[] {"queues, snooze, cancel", "queues, pause, cancel"},
          new String[] {"\"schedule a task\"", "\"schedule a chore\""},
          // a trigger phrase added, and as many words of the description taken out (the field's
          // average length stays: at 6 skills a moved average refuses the patch), so the patch
          // also walks the related lists and decodes health page records, as a trigger added does
          new String[] {"\"run this later\", ", "\"run this later\", \"defer a mailer\", "},
          new String[] {"Oban, Oban Pro, Oban.Worker", "Oban, Oban.Worker"});

  public static void main(String[] args) throws IOException {
    Path content = Path.of(args[0]);
    Path copy = Path.of(args[1]);
    if (Files.exists(copy)) {
      try (Stream<Path> all = Files.walk(copy)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    try (Stream<Path> all = Files.walk(content)) {
      for (Path p : all.toList()) {
        Path to = copy.resolve(content.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    Path skill = copy.resolve(SKILL);
    if (!Files.isRegularFile(skill)) {
      System.out.println("CdsTrainingEdit: no " + SKILL + ": the training patch changes nothing");
      return;
    }
    String text = Files.readString(skill, StandardCharsets.UTF_8);
    for (String[] e : EDITS) {
      if (text.contains(e[0])) {
        text = text.replace(e[0], e[1]);
        System.out.println("CdsTrainingEdit: " + e[0] + " -> " + e[1]);
      } else {
        System.out.println("CdsTrainingEdit: " + e[0] + " is not in " + SKILL + " (skipped)");
      }
    }
    Files.writeString(skill, text, StandardCharsets.UTF_8);
  }
}
