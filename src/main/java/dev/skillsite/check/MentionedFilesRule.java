package dev.skillsite.check;

import dev.skillsite.markdown.SourceDocument;
import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SourcePos;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files a skill tells the agent to open that are not there: paths such as {@code scripts/fill.py}
 * or {@code references/api.md} written in prose or inline code (links are the {@link LinkRule}'s
 * job). A path counts when it starts with one of the usual skill folders and ends in a file
 * extension; it may be relative to the skill folder or to the document. One finding per path and
 * document.
 */
final class MentionedFilesRule implements Rule {
  private static final Pattern PATH =
      Pattern.compile(
          "(?<![\\w/.\\-])(?:\\./)?((?:references|scripts|assets|templates|examples|resources)/[\\w\\-./]*\\w\\.[A-Za-z0-9]{1,8})"
              + "(?![\\w/\\-])");

  private final MarkdownScan scan;

  MentionedFilesRule(MarkdownScan scan) {
    this.scan = scan;
  }

  @Override
  public List<Diagnostic> check(CheckContext context) {
    return context.catalog().skills().parallelStream()
        .flatMap(s -> check(context, s).stream())
        .toList();
  }

  private List<Diagnostic> check(CheckContext context, Skill skill) {
    List<Diagnostic> out = new ArrayList<>();
    for (SourceDocument doc : SkillDocuments.of(skill)) {
      Set<String> seen = new HashSet<>();
      for (MarkdownScan.TextAt text : scan.scan(doc).texts()) {
        Matcher m = PATH.matcher(text.text());
        while (m.find()) {
          String mentioned = m.group(1);
          if (!seen.add(mentioned)
              || exists(context, skill.dir(), mentioned)
              || exists(context, ContentPaths.parent(doc.path()), mentioned)) {
            continue;
          }
          SourcePos at = text.pos();
          int col = at.col() + m.start(1) + (text.code() ? 1 : 0);
          out.add(
              Diagnostic.warning(
                  new SourcePos(at.path(), at.line(), col),
                  "file-missing",
                  "mentions '" + mentioned + "', which is not in the skill folder"));
        }
      }
    }
    return out;
  }

  private static boolean exists(CheckContext context, String dir, String mentioned) {
    Optional<String> path = MarkdownScan.resolve(dir, mentioned);
    return path.isPresent() && Files.exists(context.root().resolve(path.get()));
  }
}
