package dev.skillsite.audit;

import dev.skillsite.model.SourcePos;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules found by code rather than patterns: characters that hide text, binaries and archives,
 * frontmatter permissions, scripts nobody mentions, and a skill doing more than its description
 * says. A detector runs only when the table has its rule. Thread-safe.
 */
final class Detectors {
  private static final Set<String> DISGUISES =
      Set.of(
          "png", "jpg", "jpeg", "gif", "webp", "ico", "svg", "txt", "md", "pdf", "json", "csv",
          "html", "css", "ttf", "woff", "woff2", "mp3", "mp4", "wav");
  private static final Set<String> EXECUTABLE_EXT =
      Set.of(
          "exe",
          "dll",
          "so",
          "dylib",
          "bin",
          "msi",
          "scr",
          "jar",
          "class",
          "pyc",
          "o",
          "a",
          "wasm",
          "node",
          "elf",
          "deb",
          "rpm",
          "pkg",
          "dmg",
          "appimage");
  private static final Set<String> OFFICE =
      Set.of(
          "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "jar", "whl", "apk", "vsix", "xpi",
          "crx");
  private static final Set<String> COMMANDS =
      Set.of(
          "curl",
          "wget",
          "bash",
          "sh",
          "sudo",
          "rm",
          "python",
          "python3",
          "powershell",
          "chmod",
          "git",
          "npm",
          "pip",
          "node",
          "eval",
          "exec",
          "ssh",
          "scp",
          "nc");
  private static final Pattern UNSCOPED =
      Pattern.compile("(?i)bash(?:\\s*\\(\\s*(?:\\*{1,2}|:\\s*\\*|\\*\\s*:\\s*\\*)?\\s*\\))?");
  private static final Map<AuditCategory, Pattern> PURPOSE =
      new EnumMap<>(
          Map.of(
              AuditCategory.DATA_EXFILTRATION,
                  Pattern.compile(
                      "(?i)upload|send|post|share|sync|backup|back up|webhook|notif"
                          + "|\\bapi|http|network|publish|deploy|e-?mail|slack|discord|telegram|report|cloud|remote|server|transfer"
                          + "|export|credential|secret|\\bkeys?\\b|token|ssh|password|browser|cookie|login|secur|audit|scan"),
              AuditCategory.REMOTE_CODE,
                  Pattern.compile(
                      "(?i)install|set ?up|download|bootstrap|\\bcli\\b|package|"
                          + "dependenc|update|upgrade|fetch|environment|toolchain|sdk|runtime|secur|audit|scan"),
              AuditCategory.DESTRUCTION,
                  Pattern.compile(
                      "(?i)clean|delete|remov|reset|\\bgit\\b|cron|schedul|startup|daemon"
                          + "|service|launch|shell|config|set ?up|install|automat|hook|persist|ssh|server|secur|firewall|push"
                          + "|history|permission|setting|profile|terminal|sign|notari|macos|audit|scan|harden")));

  private final RuleTable table;

  Detectors(RuleTable table) {
    this.table = table;
  }

  /** What the file-level detectors find in one file. */
  List<Finding> file(SkillFile f) {
    List<Finding> out = new ArrayList<>();
    if (f.binary()) {
      binary(f, out);
    } else {
      characters(f, out);
    }
    if (f.truncated()) {
      rule("oversized-file")
          .ifPresent(
              r ->
                  out.add(
                      finding(
                          r,
                          r.severity(),
                          SourcePos.of(f.path()),
                          f.size() + " bytes; the first " + f.head().length + " were audited",
                          "")));
    }
    return out;
  }

  /** A finding for a file whose audit ran out of time. */
  Optional<Finding> timedOut(SkillFile f) {
    return rule("oversized-file")
        .map(
            r ->
                finding(
                    r,
                    AuditSeverity.WARNING,
                    SourcePos.of(f.path()),
                    "the audit of this file ran out of time; the rest is unchecked",
                    ""));
  }

  private void binary(SkillFile f, List<Finding> out) {
    byte[] h = f.head();
    String ext = f.extension();
    boolean executable =
        starts(h, 0x7F, 'E', 'L', 'F')
            || starts(h, 0xFE, 0xED, 0xFA, 0xCE)
            || starts(h, 0xFE, 0xED, 0xFA, 0xCF)
            || starts(h, 0xCE, 0xFA, 0xED, 0xFE)
            || starts(h, 0xCF, 0xFA, 0xED, 0xFE)
            || starts(h, 0xCA, 0xFE, 0xBA, 0xBE)
            || starts(h, 'M', 'Z')
            || EXECUTABLE_EXT.contains(ext);
    boolean zip = starts(h, 'P', 'K', 3, 4);
    boolean archive =
        zip
            || starts(h, 0x1F, 0x8B)
            || starts(h, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)
            || starts(h, 'R', 'a', 'r', '!')
            || starts(h, 0xFD, '7', 'z', 'X', 'Z')
            || starts(h, 'B', 'Z', 'h')
            || h.length > 262
                && new String(h, 257, 5, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .equals("ustar");
    if (executable) {
      rule("bundled-binary")
          .ifPresent(
              r -> {
                boolean disguised = DISGUISES.contains(ext);
                out.add(
                    finding(
                        r,
                        disguised ? AuditSeverity.DANGER : r.severity(),
                        SourcePos.of(f.path()),
                        (disguised ? "an executable named ." + ext + ": " : "") + f.inSkill(),
                        disguised ? "Disguised as a ." + ext + " file. " : ""));
              });
    } else if (archive && !OFFICE.contains(ext)) {
      rule("bundled-archive")
          .ifPresent(
              r -> {
                boolean encrypted = zip && h.length > 6 && (h[6] & 1) == 1;
                out.add(
                    finding(
                        r,
                        encrypted ? AuditSeverity.DANGER : r.severity(),
                        SourcePos.of(f.path()),
                        f.inSkill(),
                        encrypted ? "Password-protected, so no scanner can see inside. " : ""));
              });
    }
  }

  private static boolean starts(byte[] h, int... magic) {
    if (h.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((h[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private void characters(SkillFile f, List<Finding> out) {
    if (ascii(f.head())) {
      return; // the text is its bytes: nothing below U+0080 hides or looks alike
    }
    String s = f.text();
    Optional<AuditRule> bidi = rule("bidi-control");
    Optional<AuditRule> tags = rule("unicode-tags");
    Optional<AuditRule> zw = rule("zero-width");
    Optional<AuditRule> glyph = rule("homoglyph");
    int line = 1;
    int lineStart = 0;
    int lastBidi = 0;
    int lastZw = 0;
    int lastTag = 0;
    boolean lookAlike = false;
    char[] cs = s.toCharArray(); // an array beats charAt on a UTF-16 string
    for (int i = 0; i < cs.length; i++) {
      char c = cs[i];
      if (c == '\n') {
        line++;
        lineStart = i + 1;
        continue;
      }
      if (c < 0x80) {
        continue;
      }
      lookAlike |= Unicode.isLookAlike(c);
      if (Unicode.isBidiControl(c) && bidi.isPresent() && lastBidi != line) {
        lastBidi = line;
        out.add(
            finding(
                bidi.get(),
                bidi.get().severity(),
                pos(f, line, i - lineStart),
                Excerpts.around(s, i, i + 1),
                ""));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Unicode.isTag(s.codePointAt(i))
          && tags.isPresent()
          && lastTag != line) {
        lastTag = line;
        StringBuilder spelled = new StringBuilder();
        for (int j = i;
            j + 1 < s.length() && Unicode.isTag(s.codePointAt(j)) && spelled.length() < 200;
            j += 2) {
          int ascii = s.codePointAt(j) - 0xE0000;
          spelled.append(ascii >= 0x20 && ascii < 0x7F ? (char) ascii : '?');
        }
        out.add(
            finding(
                tags.get(),
                tags.get().severity(),
                pos(f, line, i - lineStart),
                "tags spell \"" + spelled + "\"",
                ""));
      } else if (Unicode.isInvisible(c)
          && zw.isPresent()
          && lastZw != line
          && i > 0
          && i + 1 < s.length()
          && asciiWord(s.charAt(i - 1))
          && asciiWord(s.charAt(i + 1))) {
        lastZw = line;
        out.add(
            finding(
                zw.get(),
                zw.get().severity(),
                pos(f, line, i - lineStart),
                Excerpts.around(s, i, i + 1),
                ""));
      }
    }
    if (lookAlike) {
      glyph.ifPresent(r -> homoglyphs(f, r, out));
    }
  }

  private static SourcePos pos(SkillFile f, int line, int col0) {
    return new SourcePos(f.path(), line, col0 + 1);
  }

  private static boolean ascii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean asciiWord(char c) {
    return c < 0x80
        && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/');
  }

  /**
   * Tokens (letters, digits, {@code . _ / : @}) mixing ASCII letters with look-alikes and no other
   * letters.
   */
  private void homoglyphs(SkillFile f, AuditRule r, List<Finding> out) {
    String s = f.text();
    int[] lineStarts = null;
    int i = 0;
    while (i < s.length()) {
      if (!tokenChar(s.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      boolean latin = false;
      boolean lookAlike = false;
      boolean otherScript = false;
      while (i < s.length() && tokenChar(s.charAt(i))) {
        char c = s.charAt(i);
        latin |= c < 0x80 && Character.isLetter(c);
        if (c >= 0x80 && Character.isLetter(c)) {
          if (Unicode.isLookAlike(c)) {
            lookAlike = true;
          } else {
            otherScript = true;
          }
        }
        i++;
      }
      if (latin && lookAlike && !otherScript) {
        String token = s.substring(start, i);
        StringBuilder ascii = new StringBuilder();
        token.chars().forEach(ch -> ascii.append(Unicode.toAscii((char) ch)));
        String plain = ascii.toString().toLowerCase(Locale.ROOT);
        boolean dangerous =
            token.contains(".")
                || token.contains("/")
                || token.contains(":")
                || COMMANDS.contains(plain);
        if (lineStarts == null) {
          lineStarts = HiddenRanges.lineStarts(s);
        }
        int line = HiddenRanges.lineOf(lineStarts, start);
        out.add(
            finding(
                r,
                dangerous ? AuditSeverity.DANGER : r.severity(),
                new SourcePos(f.path(), line + 1, start - lineStarts[line] + 1),
                Excerpts.escape(token) + " reads as " + ascii,
                dangerous ? "In a host name, path or command. " : ""));
      }
    }
  }

  private static boolean tokenChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '/' || c == ':' || c == '@';
  }

  /**
   * What the skill-level detectors find.
   *
   * @param skillMd the SKILL.md as read (its raw text locates frontmatter keys)
   * @param frontmatter the parsed frontmatter
   * @param others the findings of every other rule in this skill (for beyond-description)
   */
  List<Finding> skill(
      List<SkillFile> files,
      Optional<SkillFile> skillMd,
      Map<String, Object> frontmatter,
      String description,
      List<Finding> others) {
    List<Finding> out = new ArrayList<>();
    skillMd.ifPresent(
        md -> {
          rule("unscoped-bash").ifPresent(r -> unscopedBash(md, frontmatter, r, out));
          rule("frontmatter-hooks")
              .ifPresent(
                  r -> {
                    if (frontmatter.get("hooks") instanceof Map<?, ?> m && !m.isEmpty()
                        || frontmatter.get("hooks") instanceof List<?> l && !l.isEmpty()) {
                      out.add(
                          finding(
                              r,
                              r.severity(),
                              keyPos(md, "hooks"),
                              "hooks: " + clip(String.valueOf(frontmatter.get("hooks"))),
                              ""));
                    }
                  });
        });
    rule("unmentioned-script").ifPresent(r -> unmentioned(files, r, out));
    rule("beyond-description").ifPresent(r -> beyond(description, others, r, out));
    return out;
  }

  private void unscopedBash(
      SkillFile md, Map<String, Object> frontmatter, AuditRule r, List<Finding> out) {
    Object tools = frontmatter.getOrDefault("allowed-tools", frontmatter.get("allowed_tools"));
    List<String> list = new ArrayList<>();
    if (tools instanceof List<?> l) {
      l.forEach(t -> list.addAll(split(String.valueOf(t))));
    } else if (tools instanceof String s) {
      list.addAll(split(s));
    }
    for (String t : list) {
      if (UNSCOPED.matcher(t.strip()).matches()) {
        out.add(
            finding(
                r, r.severity(), keyPos(md, "allowed-tools"), "allowed-tools: " + t.strip(), ""));
        return;
      }
    }
  }

  /** Tool names separated by commas or spaces outside parentheses. */
  private static List<String> split(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : s.toCharArray()) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth <= 0 && (c == ',' || Character.isWhitespace(c))) {
        if (!cur.toString().isBlank()) {
          parts.add(cur.toString());
        }
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (!cur.toString().isBlank()) {
      parts.add(cur.toString());
    }
    return parts;
  }

  private static SourcePos keyPos(SkillFile md, String key) {
    String[] lines = md.text().split("\n", 400);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(key + ":") || lines[i].startsWith(key.replace('-', '_') + ":")) {
        return new SourcePos(md.path(), i + 1, 1);
      }
    }
    return SourcePos.of(md.path());
  }

  private void unmentioned(List<SkillFile> files, AuditRule r, List<Finding> out) {
    for (SkillFile f : files) {
      if (!f.isScript() || f.inSkill().equals("SKILL.md")) {
        continue;
      }
      String name = f.name();
      int dot = name.lastIndexOf('.');
      String stem = dot > 0 ? name.substring(0, dot) : name;
      boolean mentioned = false;
      for (SkillFile other : files) {
        if (other == f || other.binary()) {
          continue;
        }
        if (other.text().contains(name)
            || stem.length() >= 3
                && !stem.equals("index")
                && !stem.equals("main")
                && mentionsModule(other.text(), stem)) {
          mentioned = true;
          break;
        }
      }
      if (!mentioned) {
        out.add(finding(r, r.severity(), SourcePos.of(f.path()), f.inSkill(), ""));
      }
    }
  }

  private static boolean mentionsModule(String text, String stem) {
    return text.contains("import " + stem)
        || text.contains("from " + stem)
        || text.contains("/" + stem + "'")
        || text.contains("/" + stem + "\"")
        || text.contains("." + stem + " import");
  }

  private void beyond(String description, List<Finding> others, AuditRule r, List<Finding> out) {
    for (Map.Entry<AuditCategory, Pattern> e : PURPOSE.entrySet()) {
      // the description is read only for a skill with such a finding (most have none)
      others.stream()
          .filter(f -> f.category() == e.getKey() && f.severity().atLeast(AuditSeverity.WARNING))
          .min(Finding.ORDER)
          .filter(f -> !e.getValue().matcher(description).find())
          .ifPresent(
              f ->
                  out.add(
                      finding(
                          r,
                          r.severity(),
                          f.pos(),
                          "description: " + clip(description),
                          "The description says nothing of "
                              + e.getKey().title().toLowerCase(Locale.ROOT)
                              + " ("
                              + f.rule()
                              + "). ")));
    }
  }

  private static String clip(String s) {
    String one = s.replace('\n', ' ').strip();
    return Excerpts.escape(one.length() > 100 ? one.substring(0, 100) + "…" : one);
  }

  private Optional<AuditRule> rule(String id) {
    return table.rule(id);
  }

  private static Finding finding(
      AuditRule r, AuditSeverity s, SourcePos pos, String excerpt, String note) {
    return new Finding(r.id(), s, r.category(), pos, excerpt, note + r.message());
  }
}
