package dev.skillsite.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Seeded edits of one skill, of every kind a skill author makes (the body inside and past the
 * routing window, the description reworded, trigger phrases, {@code when_to_use}, frontmatter
 * extras, references, scripts, a LICENSE, a new file, a skill added or deleted), made on a content
 * folder as files on disk, for {@code build --changed}: {@code build.PatchFuzzTest} (each patch
 * compared with a clean build) and {@code build.PatchMix} (the same mix timed at any size).
 *
 * <p>Every file is written as a fresh file (a temporary sibling moved over it), never in place: the
 * content may be a {@code cp -al} copy whose files are hard links to a corpus that must not change.
 * Each edit keeps what it replaced, so that {@link Edit#restore} puts the content back.
 */
public final class PatchEdits {
  /** The kinds of edit, in the order tables list them. */
  public enum Kind {
    BODY_IN("body, a sentence in the routing window"),
    BODY_PAST("body, a sentence past the routing window"),
    BODY_MARKUP("body, Markdown or HTML appended (links, a heading, a table …)"),
    DESC_REPLACED("description, a word replaced (outside a Use-when clause)"),
    DESC_ADDED("description, a word added (outside)"),
    DESC_REMOVED("description, a word removed (outside)"),
    DESC_CLAUSE("description, a word replaced in a Use-when clause"),
    TRIGGER_ADDED("trigger phrase added"),
    TRIGGER_REMOVED("trigger phrase removed (unquoted)"),
    TRIGGER_REWORDED("trigger phrase reworded"),
    WHEN_TO_USE("when_to_use added or reworded"),
    LICENSE_FIELD("frontmatter license"),
    METADATA("frontmatter metadata"),
    ALLOWED_TOOLS("frontmatter allowed-tools"),
    REFERENCE_EDITED("reference edited"),
    REFERENCE_ADDED("reference added"),
    REFERENCE_DELETED("reference deleted"),
    SCRIPT_EDITED("script edited"),
    LICENSE_FILE("LICENSE file edited"),
    NEW_FILE("new file beside SKILL.md"),
    SKILL_ADDED("skill added"),
    SKILL_DELETED("skill deleted");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** An edit made: its kind, what it did, the paths to pass as {@code --changed}. */
  public static final class Edit {
    private final Kind kind;
    private final String what;
    private final List<Path> changed;
    private final Map<Path, Optional<byte[]>> before;
    private final Map<Path, Optional<byte[]>> after;
    private final Path root;
    private final String skill;

    private Edit(
        Path root,
        String skill,
        Kind kind,
        String what,
        List<Path> changed,
        Map<Path, Optional<byte[]>> before)
        throws IOException {
      this.root = root;
      this.skill = skill;
      this.kind = kind;
      this.what = what;
      this.changed = List.copyOf(changed);
      this.before = before;
      this.after = new LinkedHashMap<>();
      for (Path p : before.keySet()) {
        after.put(p, Files.isRegularFile(p) ? Optional.of(readBytes(p)) : Optional.empty());
      }
    }

    public Kind kind() {
      return kind;
    }

    /** The skill folder and what changed, for a failure message. */
    public String what() {
      return what;
    }

    /** The edited skill's folder name. */
    public String skill() {
      return skill;
    }

    public List<Path> changed() {
      return changed;
    }

    /** Puts back every file the edit changed, added or deleted (each a fresh file). */
    public void restore() throws IOException {
      put(before);
    }

    /** Makes the edit again after {@link #restore}. */
    public void redo() throws IOException {
      put(after);
    }

    private void put(Map<Path, Optional<byte[]>> files) throws IOException {
      for (Map.Entry<Path, Optional<byte[]>> e : files.entrySet()) {
        if (e.getValue().isPresent()) {
          Files.createDirectories(e.getKey().getParent());
          fresh(e.getKey(), e.getValue().get());
        } else {
          Files.deleteIfExists(e.getKey());
        }
      }
      for (Path p : files.keySet()) { // folders left empty, deepest first
        for (Path d = p.getParent(); d.startsWith(root) && !d.equals(root) && isEmptyFolder(d); ) {
          Files.delete(d);
          d = d.getParent();
        }
      }
    }

    @Override
    public String toString() {
      return kind + " " + what;
    }
  }

  private static final Pattern WORD =
      Pattern.compile("(?<![\\w'\\\\/.-])([a-z]{4,12})(?![\\w'/-])");
  private static final Pattern BODY_WORD = Pattern.compile("\\b[a-z]{3,12}\\b");
  private static final Pattern KEY = Pattern.compile("(?m)^([A-Za-z_][\\w-]*):(.*)$");
  private static final Pattern CUE =
      Pattern.compile(
          "(?i)\\b(?:use (?:this skill |this |it )?(?:when|whenever|if)|trigger(?:s|ed)? (?:when|on|for)"
              + "|when (?:the )?user)\\b");

  /** What an author appends besides prose: what the checks, the audit and the renderer look at. */
  private static final List<String> MARKUP =
      List.of(
          "See [the guide](references/missing-guide.md) and `scripts/does-not-exist.py`.",
          "<div onclick=\"go()\">Click</div>",
          "```python\nprint('fuzz')\n```",
          "## A new section",
          "| a | b |\n|---|---|\n| 1 | 2 |",
          "![diagram](images/missing.png)",
          "Jump to [nowhere](#no-such-anchor).",
          "Visit https://example.com/docs for more.");

  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$|\")");

  private final Path content;
  private final Random random;
  private final java.util.function.Predicate<Path> editable;
  private final List<String> vocabulary;
  private final List<Path> skills;
  private int made;

  /** Edits of the skills under {@code content}, chosen by {@code seed}. */
  public PatchEdits(Path content, long seed) throws IOException {
    this(content, seed, f -> true);
  }

  /** As above, of the skills whose SKILL.md {@code editable} accepts (e.g. the published ones). */
  public PatchEdits(Path content, long seed, java.util.function.Predicate<Path> editable)
      throws IOException {
    this.content = content;
    this.editable = editable;
    this.random = new Random(seed);
    this.skills = skillFiles();
    TreeSet<String> words = new TreeSet<>();
    List<Path> sample = new ArrayList<>(skills);
    java.util.Collections.shuffle(sample, new Random(seed));
    for (Path f : sample.subList(0, Math.min(sample.size(), 400))) { // a large collection: a sample
      Matcher m = BODY_WORD.matcher(body(read(f)));
      while (m.find()) {
        words.add(m.group());
      }
    }
    this.vocabulary = List.copyOf(words);
  }

  /**
   * Edits of the skills {@code site} publishes (those with a page {@code skills/FOLDER/index.html}:
   * a template's placeholder has none, and its edits would only say so).
   */
  public static PatchEdits ofPublished(Path content, Path site, long seed) throws IOException {
    return new PatchEdits(
        content,
        seed,
        f -> Files.exists(site.resolve("skills/" + f.getParent().getFileName() + "/index.html")));
  }

  /** What is done with each edit made: {@code n} counts them from 1. */
  public interface Each {
    void accept(Edit edit, int n) throws Exception;
  }

  /**
   * {@code rounds} rounds of one edit of every kind, each given to {@code each}; a kind no skill
   * has is counted in {@code tally}. Returns how many edits were made.
   */
  public int rounds(int rounds, PatchTally tally, Each each) throws Exception {
    int n = 0;
    for (int round = 0; round < rounds; round++) {
      for (Kind kind : Kind.values()) {
        Optional<Edit> edit = make(kind);
        if (edit.isEmpty()) {
          tally.none(kind);
        } else {
          each.accept(edit.get(), ++n);
        }
      }
    }
    return n;
  }

  /**
   * An edit of {@code kind} made on a random skill that has what it needs (a long body, a quoted
   * phrase, a reference …); empty when no skill of the content has it.
   */
  public Optional<Edit> make(Kind kind) throws IOException {
    made++;
    // a random order, drawn lazily: at 100k skills only the first few are read
    List<Path> order = new ArrayList<>(skills);
    for (int i = 0; i < order.size(); i++) {
      java.util.Collections.swap(order, i, i + random.nextInt(order.size() - i));
      Path skill = order.get(i);
      if (!Files.isRegularFile(skill) || !editable.test(skill)) {
        continue;
      }
      String text = read(skill);
      if (frontmatterEnd(text) < 0 || description(text).isEmpty()) {
        continue;
      }
      Optional<Edit> e = make(kind, skill);
      if (e.isPresent()) {
        return e;
      }
    }
    return Optional.empty();
  }

  /** Every SKILL.md, sorted. */
  private List<Path> skillFiles() throws IOException {
    try (Stream<Path> all = Files.walk(content)) {
      return all.filter(p -> p.getFileName().toString().equals("SKILL.md")).sorted().toList();
    }
  }

  private Optional<Edit> make(Kind kind, Path skill) throws IOException {
    String text = read(skill);
    Path dir = skill.getParent();
    String name = dir.getFileName().toString();
    int fmEnd = frontmatterEnd(text);
    int[] desc = description(text).orElseThrow();
    switch (kind) {
      case BODY_IN -> {
        int at = afterFirstHeading(text, fmEnd);
        if (at - fmEnd > 6_000) {
          return Optional.empty();
        }
        return skillMd(kind, skill, text, at, at, "\n" + sentence() + "\n");
      }
      case BODY_PAST -> {
        if (text.length() - fmEnd < SkillEdits.INDEXED_BODY + 2_000) {
          return Optional.empty();
        }
        return skillMd(kind, skill, text, text.length(), text.length(), "\n" + sentence() + "\n");
      }
      case BODY_MARKUP -> {
        String fragment = MARKUP.get(random.nextInt(MARKUP.size()));
        return skillMd(kind, skill, text, text.length(), text.length(), "\n" + fragment + "\n");
      }
      case DESC_REPLACED, DESC_ADDED, DESC_REMOVED, DESC_CLAUSE -> {
        List<int[]> words = descriptionWords(text, desc, kind == Kind.DESC_CLAUSE ? 1 : 0);
        if (words.isEmpty()) {
          return Optional.empty();
        }
        int[] w = words.get(random.nextInt(words.size()));
        return switch (kind) {
          case DESC_ADDED -> skillMd(kind, skill, text, w[1], w[1], " " + word());
          case DESC_REMOVED ->
              text.charAt(w[1]) == ' '
                  ? skillMd(kind, skill, text, w[0], w[1] + 1, "")
                  : text.charAt(w[0] - 1) == ' ' && text.charAt(w[0] - 2) != ' '
                      ? skillMd(kind, skill, text, w[0] - 1, w[1], "")
                      : Optional.<Edit>empty();
          default -> skillMd(kind, skill, text, w[0], w[1], otherWord(text.substring(w[0], w[1])));
        };
      }
      case TRIGGER_ADDED -> {
        int end = valueEnd(text, desc);
        boolean escaped = doubleQuoted(text, desc);
        String q = escaped ? "\\\"" : "\"";
        String phrase = word() + " " + word() + " " + word();
        return skillMd(
            kind, skill, text, end, end, " Use when the user asks to " + q + phrase + q + ".");
      }
      case TRIGGER_REMOVED, TRIGGER_REWORDED -> {
        List<int[]> quoted = descriptionWords(text, desc, 2);
        if (quoted.isEmpty()) {
          return Optional.empty();
        }
        int[] w = quoted.get(random.nextInt(quoted.size()));
        if (kind == Kind.TRIGGER_REWORDED) {
          return skillMd(kind, skill, text, w[0], w[1], otherWord(text.substring(w[0], w[1])));
        }
        int[] quotes = enclosingQuotes(text, desc, w[0]);
        String unquoted =
            text.substring(0, quotes[0])
                + text.substring(quotes[0] + quotes[2], quotes[1])
                + text.substring(quotes[1] + quotes[2]);
        return write(kind, skill, unquoted, "unquoted at " + quotes[0]);
      }
      case WHEN_TO_USE -> {
        Optional<int[]> when = field(text, "when_to_use");
        if (when.isPresent()) {
          Matcher m = WORD.matcher(text).region(when.get()[0], when.get()[1]);
          if (m.find()) {
            return skillMd(kind, skill, text, m.start(1), m.end(1), otherWord(m.group(1)));
          }
          return Optional.empty();
        }
        return skillMd(
            kind,
            skill,
            text,
            fmEnd,
            fmEnd,
            "when_to_use: Use when " + sentence().toLowerCase(Locale.ROOT) + "\n");
      }
      case LICENSE_FIELD -> {
        return scalarField(kind, skill, text, "license", "MIT", "Apache-2.0");
      }
      case ALLOWED_TOOLS -> {
        return scalarField(kind, skill, text, "allowed-tools", "Read Grep", "Bash Read");
      }
      case METADATA -> {
        Optional<int[]> meta = field(text, "metadata");
        String note = "fuzz-note: \"" + word() + "\"\n";
        if (meta.isEmpty()) {
          return skillMd(kind, skill, text, fmEnd, fmEnd, "metadata:\n  " + note);
        }
        int lineEnd = text.indexOf('\n', meta.get()[0]);
        if (!text.substring(meta.get()[0], lineEnd).isBlank() || meta.get()[1] <= lineEnd + 1) {
          return Optional.empty(); // a flow map or a scalar: left alone
        }
        String next = text.substring(lineEnd + 1);
        String indent = next.substring(0, next.length() - next.stripLeading().length());
        if (indent.contains("\n") || indent.isEmpty()) {
          return Optional.empty();
        }
        return skillMd(kind, skill, text, lineEnd + 1, lineEnd + 1, indent + note);
      }
      case REFERENCE_EDITED, REFERENCE_DELETED, SCRIPT_EDITED, LICENSE_FILE -> {
        List<Path> files = files(dir, kind);
        if (files.isEmpty()) {
          return Optional.empty();
        }
        Path f = files.get(random.nextInt(files.size()));
        Map<Path, Optional<byte[]>> before = new LinkedHashMap<>();
        before.put(f, Optional.of(Files.readAllBytes(f)));
        if (kind == Kind.REFERENCE_DELETED) {
          Files.delete(f);
        } else {
          String comment =
              kind != Kind.SCRIPT_EDITED
                  ? ""
                  : f.toString().endsWith(".js") || f.toString().endsWith(".ts") ? "// " : "# ";
          byte[] old = Files.readAllBytes(f);
          byte[] add = ("\n" + comment + sentence() + "\n").getBytes(StandardCharsets.UTF_8);
          byte[] now = java.util.Arrays.copyOf(old, old.length + add.length);
          System.arraycopy(add, 0, now, old.length, add.length);
          fresh(f, now);
        }
        return Optional.of(new Edit(content, name, kind, rel(f), List.of(f), before));
      }
      case REFERENCE_ADDED, NEW_FILE -> {
        Path f =
            kind == Kind.REFERENCE_ADDED
                ? dir.resolve("references/fuzz-" + made + ".md")
                : dir.resolve("fuzz-notes-" + made + ".txt");
        if (Files.exists(f)) {
          return Optional.empty();
        }
        Map<Path, Optional<byte[]>> before = new LinkedHashMap<>();
        before.put(f, Optional.empty());
        Files.createDirectories(f.getParent());
        String body =
            kind == Kind.REFERENCE_ADDED
                ? "# " + word() + " " + word() + "\n\n" + sentence() + "\n"
                : sentence() + "\n";
        fresh(f, body.getBytes(StandardCharsets.UTF_8));
        return Optional.of(new Edit(content, name, kind, rel(f), List.of(f), before));
      }
      case SKILL_ADDED -> {
        Path copy = dir.resolveSibling(name + "-fuzz" + made);
        Optional<int[]> nameField = field(text, "name");
        if (Files.exists(copy) || nameField.isEmpty()) {
          return Optional.empty();
        }
        Map<Path, Optional<byte[]>> before = new LinkedHashMap<>();
        List<Path> changed = new ArrayList<>();
        for (Path f : regularFiles(dir)) {
          Path to = copy.resolve(dir.relativize(f).toString());
          before.put(to, Optional.empty());
          changed.add(to);
          Files.createDirectories(to.getParent());
          byte[] bytes =
              f.equals(skill)
                  ? (text.substring(0, nameField.get()[0])
                          + " "
                          + copy.getFileName()
                          + text.substring(text.indexOf('\n', nameField.get()[0])))
                      .getBytes(StandardCharsets.UTF_8)
                  : Files.readAllBytes(f);
          fresh(to, bytes);
        }
        return Optional.of(new Edit(content, name, kind, rel(copy), changed, before));
      }
      case SKILL_DELETED -> {
        Map<Path, Optional<byte[]>> before = new LinkedHashMap<>();
        List<Path> files = regularFiles(dir);
        for (Path f : files) {
          before.put(f, Optional.of(Files.readAllBytes(f)));
        }
        for (Path f : files) {
          Files.delete(f);
        }
        try (Stream<Path> left = Files.walk(dir)) {
          for (Path d : left.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(d);
          }
        }
        return Optional.of(new Edit(content, name, kind, rel(dir), files, before));
      }
      default -> throw new AssertionError(kind);
    }
  }

  /** {@code skill} with {@code [from, to)} replaced by {@code with}. */
  private Optional<Edit> skillMd(Kind kind, Path skill, String text, int from, int to, String with)
      throws IOException {
    String what = "@" + from + " " + text.substring(from, to).strip() + " -> " + with.strip();
    return write(kind, skill, text.substring(0, from) + with + text.substring(to), what);
  }

  private Optional<Edit> write(Kind kind, Path skill, String now, String what) throws IOException {
    Map<Path, Optional<byte[]>> before = new LinkedHashMap<>();
    before.put(skill, Optional.of(Files.readAllBytes(skill)));
    fresh(skill, now.getBytes(StandardCharsets.UTF_8));
    String short_ = what.length() > 120 ? what.substring(0, 120) + "…" : what;
    String name = skill.getParent().getFileName().toString();
    return Optional.of(
        new Edit(content, name, kind, rel(skill) + " " + short_, List.of(skill), before));
  }

  /** A one-line scalar field set to one of two values (the one it does not hold), or added. */
  private Optional<Edit> scalarField(
      Kind kind, Path skill, String text, String key, String a, String b) throws IOException {
    Optional<int[]> f = field(text, key);
    if (f.isEmpty()) {
      int end = frontmatterEnd(text);
      return skillMd(kind, skill, text, end, end, key + ": " + a + "\n");
    }
    int lineEnd = text.indexOf('\n', f.get()[0]);
    String value = text.substring(f.get()[0], lineEnd).strip();
    if (value.isEmpty() || f.get()[1] > lineEnd + 1) {
      return Optional.empty(); // a block value: left alone
    }
    return skillMd(kind, skill, text, f.get()[0], lineEnd, " " + (value.equals(a) ? b : a));
  }

  /** Where the frontmatter's closing "---" line starts; -1 without one. */
  private static int frontmatterEnd(String text) {
    if (!text.startsWith("---\n")) {
      return -1;
    }
    int end = text.indexOf("\n---", 3);
    return end < 0 ? -1 : end + 1;
  }

  private static String body(String text) {
    int end = frontmatterEnd(text);
    return end < 0 ? text : text.substring(end);
  }

  /** [start, end) of a top-level frontmatter key's value: after its colon, to the next key. */
  private static Optional<int[]> field(String text, String key) {
    int fmEnd = frontmatterEnd(text);
    if (fmEnd < 0) {
      return Optional.empty();
    }
    Matcher m = KEY.matcher(text).region(4, fmEnd);
    while (m.find()) {
      if (m.group(1).equals(key)) {
        int start = m.start(2);
        Matcher next = KEY.matcher(text).region(m.end(), fmEnd);
        return Optional.of(new int[] {start, next.find() ? next.start() : fmEnd});
      }
    }
    return Optional.empty();
  }

  private static Optional<int[]> description(String text) {
    return field(text, "description");
  }

  private static boolean doubleQuoted(String text, int[] desc) {
    return text.substring(desc[0], desc[1]).strip().startsWith("\"");
  }

  /** Where text can be added at the end of the description's value (inside its quotes). */
  private static int valueEnd(String text, int[] desc) {
    int end = desc[1];
    while (end > desc[0] && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    String v = text.substring(desc[0], end).strip();
    if ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'"))) {
      end--;
    }
    return end;
  }

  /**
   * The description's plain words: {@code where} 0 outside a Use-when clause and outside quotes, 1
   * inside a clause (not quoted), 2 inside a quoted phrase. Each [start, end).
   */
  private static List<int[]> descriptionWords(String text, int[] desc, int where) {
    String d = text.substring(desc[0], desc[1]);
    boolean escaped = doubleQuoted(text, desc);
    List<int[]> clauses = new ArrayList<>();
    Matcher cue = CUE.matcher(d);
    while (cue.find()) {
      Matcher end = SENTENCE_END.matcher(d);
      clauses.add(new int[] {cue.start(), end.find(cue.end()) ? end.start() : d.length()});
    }
    List<int[]> out = new ArrayList<>();
    Matcher m = WORD.matcher(d);
    while (m.find()) {
      int at = m.start(1);
      boolean inClause = clauses.stream().anyMatch(c -> c[0] <= at && at < c[1]);
      boolean quoted = quotesBefore(d, at, escaped) % 2 == 1;
      int kind = quoted ? 2 : inClause ? 1 : 0;
      if (kind == where && !d.substring(Math.max(0, at - 12), at).contains("asks to \"")) {
        out.add(new int[] {desc[0] + at, desc[0] + m.end(1)});
      }
    }
    return out;
  }

  private static int quotesBefore(String d, int at, boolean escaped) {
    String q = escaped ? "\\\"" : "\"";
    int n = 0;
    for (int i = d.indexOf(q); i >= 0 && i < at; i = d.indexOf(q, i + q.length())) {
      n++;
    }
    return n;
  }

  /** The opening and closing quote around {@code at} in the description, and the quotes' length. */
  private static int[] enclosingQuotes(String text, int[] desc, int at) {
    String q = doubleQuoted(text, desc) ? "\\\"" : "\"";
    int open = text.lastIndexOf(q, at);
    int close = text.indexOf(q, at);
    return new int[] {open, close, q.length()};
  }

  private static int afterFirstHeading(String text, int fmEnd) {
    int start = text.indexOf('\n', fmEnd) + 1; // past the closing ---
    Matcher h = Pattern.compile("(?m)^#{1,6} .*$").matcher(text).region(start, text.length());
    return h.find() ? h.end() + 1 <= text.length() ? h.end() + 1 : h.end() : start;
  }

  private String word() {
    return vocabulary.get(random.nextInt(vocabulary.size()));
  }

  private String otherWord(String not) {
    String w = word();
    return w.equals(not) ? w + "s" : w;
  }

  /** A sentence of 6 to 12 of the collection's own body words. */
  public String sentence() {
    int n = 6 + random.nextInt(7);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String w = word();
      s.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : " " + w);
    }
    return s.append('.').toString();
  }

  private static List<Path> files(Path dir, Kind kind) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path f : regularFiles(dir)) {
      String n = f.getFileName().toString();
      boolean match =
          switch (kind) {
            case REFERENCE_EDITED, REFERENCE_DELETED -> n.endsWith(".md") && !n.equals("SKILL.md");
            case SCRIPT_EDITED -> n.matches(".*\\.(py|sh|js|ts)");
            case LICENSE_FILE -> n.startsWith("LICENSE");
            default -> false;
          };
      if (match) {
        out.add(f);
      }
    }
    return out;
  }

  private static List<Path> regularFiles(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private String rel(Path p) {
    return content.relativize(p).toString();
  }

  private static byte[] readBytes(Path p) throws IOException {
    return Files.readAllBytes(p);
  }

  private static boolean isEmptyFolder(Path d) throws IOException {
    if (!Files.isDirectory(d)) {
      return false;
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.findAny().isEmpty();
    }
  }

  private static String read(Path p) throws IOException {
    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
  }

  /** {@code bytes} written as a new file at {@code to}: a hard-linked old one stays as it was. */
  private static void fresh(Path to, byte[] bytes) throws IOException {
    Path tmp = to.resolveSibling(to.getFileName() + ".fuzz-tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
