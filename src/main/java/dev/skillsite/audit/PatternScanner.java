package dev.skillsite.audit;

import dev.skillsite.model.SourcePos;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the table's pattern rules over one file: on its text with continued lines joined, then on
 * the text unobfuscated, decoded and with payloads decoded. A finding is one rule on one line;
 * found only in an unobfuscated or decoded view, or in text a reader does not see, it is danger.
 * Thread-safe.
 */
final class PatternScanner {
  /** Lines up to this long are matched without the guard. */
  private static final int SHORT_LINE = 4096;

  /** Characters matched without the guard between two looks at the deadline. */
  private static final long CHECK_EVERY = 1 << 20;

  private final List<AuditRule> rules;

  /**
   * The keywords of the rules that read each kind of file, by kind (see {@link SkillFile#kind}),
   * made when a file of the kind is first scanned: a patch build audits one skill's few files.
   */
  private final Map<String, KeywordSet> keywordsByKind =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Each rule's alternatives, and the rule of each. */
  private final List<Branches> branches;

  private final List<AuditRule> ruleOf;

  /** The words an element styled invisible needs (see {@link HiddenRanges}), any case. */
  private static final List<String> HIDE_WORDS = List.of("hidden", "display", "font-size");

  /** The index of {@link #HIDE_WORDS} among the keyword sets. */
  private final int hideSet;

  private final Optional<Pattern> context;

  /**
   * @param context words that mark a line as discussing what it quotes (one severity down)
   */
  PatternScanner(List<AuditRule> rules, Optional<Pattern> context) {
    this.rules = rules.stream().filter(r -> r.match().isPresent()).toList();
    List<AuditRule> ruleOf = new ArrayList<>();
    List<Branches> branches = new ArrayList<>();
    for (AuditRule r : this.rules) {
      for (Branches b : Branches.of(r)) {
        ruleOf.add(r);
        branches.add(b);
      }
    }
    this.ruleOf = List.copyOf(ruleOf);
    this.branches = List.copyOf(branches);
    this.hideSet = branches.size();
    this.context = context;
  }

  /**
   * A keyword set per branch, in order, then {@link #HIDE_WORDS}: the keywords of a branch whose
   * rule does not read {@code kind} left out (it is not run on such a file).
   */
  private KeywordSet keywords(String kind) {
    List<List<String>> sets = new ArrayList<>();
    for (int bi = 0; bi < branches.size(); bi++) {
      sets.add(ruleOf.get(bi).reads(kind) ? branches.get(bi).keywords() : List.of());
    }
    sets.add(HIDE_WORDS);
    return new KeywordSet(sets);
  }

  /** The findings in {@code file}; throws {@link Deadline.Expired} when the deadline passes. */
  List<Finding> scan(SkillFile file, Deadline deadline) {
    String raw = file.text();
    if (raw.isEmpty()) {
      return List.of();
    }
    String kind = file.kind();
    KeywordSet keywords = keywordsByKind.computeIfAbsent(kind, this::keywords);
    char[] rawChars = raw.toCharArray();
    int[] lineStarts = HiddenRanges.lineStarts(rawChars);
    // the joined view is the raw text itself (and its characters) unless a line was continued (a
    // Markdown fence's closing backtick counts: most files)
    TextView joined = TextView.joined(raw, rawChars, lineStarts);
    // one pass finds its lines, the keywords, the lines worth decoding and whether anything looks
    // obfuscated
    TextScan joinedScan = TextScan.of(joined.chars(), keywords);
    joined.scanned(joinedScan);
    char[] joinedChars = joined.chars();
    int[] joinedLines = joinedScan.lineStarts();
    HiddenRanges hidden =
        HiddenRanges.of(
            raw,
            rawChars,
            kind,
            lineStarts,
            () -> {
              // joining lines neither makes nor breaks one of the words
              for (int l : keywords.linesFor(hideSet, joinedScan.hits())) {
                int end = l + 1 < joinedLines.length ? joinedLines[l + 1] : joinedChars.length;
                if (HiddenRanges.mayHide(joinedChars, joinedLines[l], end)) {
                  return true;
                }
              }
              return false;
            });
    List<TextView> views = new ArrayList<>();
    views.add(joined);
    joined.unobfuscated().ifPresent(views::add);
    Optional<TextView> decoded = joined.decoded();
    decoded.ifPresent(views::add);
    decoded.orElse(joined).payload().ifPresent(views::add);
    Map<String, Finding> found = new LinkedHashMap<>();
    Map<String, TextView> viewOf = new HashMap<>();
    long plainChars = 0;
    boolean[] fenced = null; // per line of a Markdown file, found when a hidden-text rule matches
    for (TextView view : views) {
      char[] chars = view.chars();
      int[] viewLines = view == joined ? joinedScan.lineStarts() : HiddenRanges.lineStarts(chars);
      // a derived view (unobfuscated, decoded) differs from the text on a few lines at most: only
      // those can hold a match the text does not
      BitSet changedLines = view == joined ? null : changedLines(view, viewLines);
      int[] changed = changedLines == null ? null : changedLines.stream().toArray();
      int[][] hits =
          changedLines == null ? joinedScan.hits() : keywords.find(chars, viewLines, changedLines);
      CharSequence guarded = deadline.guard(view.text());
      for (int bi = 0; bi < branches.size(); bi++) {
        AuditRule rule = ruleOf.get(bi);
        if (!rule.reads(kind) || rule.hiddenOnly() && hidden.isEmpty()) {
          continue;
        }
        int[] lines = keywords.linesFor(bi, hits);
        if (lines == null) {
          lines = changed;
        }
        if (lines != null && lines.length == 0) {
          continue;
        }
        Pattern pattern = branches.get(bi).pattern();
        Literals required = branches.get(bi).required();
        Matcher plain = null;
        Matcher whole = null;
        int count = lines == null ? 1 : lines.length;
        for (int li = 0; li < count; li++) {
          Matcher m;
          int start = 0;
          int end = 0;
          if (lines == null) {
            whole = matcher(pattern, guarded);
            m = whole;
          } else {
            int l = lines[li];
            start = viewLines[l];
            end = l + 1 < viewLines.length ? viewLines[l + 1] - 1 : view.text().length();
            if (!required.allIn(chars, start, end)) {
              continue; // a word every match holds is not on the line
            }
            // a short line is matched on the plain text (the deadline is checked between lines); a
            // long one through the guard, which can stop a pattern midway
            if (end - start <= SHORT_LINE) {
              plainChars += end - start;
              if (plainChars > CHECK_EVERY) {
                plainChars = 0;
                if (deadline.passed()) {
                  throw new Deadline.Expired();
                }
              }
              if (plain == null) {
                plain = matcher(pattern, view.text());
              }
              m = plain;
            } else {
              if (whole == null) {
                whole = matcher(pattern, guarded);
              }
              m = whole;
            }
            m.region(start, end);
          }
          // a pattern whose matches start with one of a few words is tried where they occur only
          boolean leading = lines != null && required.hasLeading();
          int at = start;
          while (true) {
            if (leading) {
              at = required.nextStart(chars, at, end);
              if (at < 0) {
                break;
              }
              m.region(at, end);
              if (!m.lookingAt()) {
                at++;
                continue;
              }
              at = Math.max(m.end(), at + 1);
            } else if (!m.find()) {
              break;
            }
            int rawAt = view.rawOffset(m.start());
            boolean inHidden = hidden.contains(rawAt);
            if (rule.hiddenOnly() && !inHidden) {
              continue;
            }
            int line = HiddenRanges.lineOf(lineStarts, rawAt);
            if (shownAsCode(rule, kind)) {
              fenced = fenced != null ? fenced : HiddenRanges.fencedLines(rawChars, lineStarts);
              if (line < fenced.length && fenced[line]) {
                continue; // markup in fenced code is shown as code: it hides nothing
              }
            }
            String key = rule.id() + "|" + line;
            if (found.containsKey(key) && viewOf.get(key) != view) {
              continue; // already found on this line in a plainer view
            }
            Optional<Finding> f = judge(rule, file, view, m, raw, lineStarts, line, inHidden);
            if (f.isPresent() && (!found.containsKey(key) || better(f.get(), found.get(key)))) {
              found.put(key, f.get());
              viewOf.put(key, view);
            }
          }
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  /**
   * Whether a match of {@code rule} in a file of {@code kind} counts only outside fenced code: a
   * hidden-text pattern (markup styled invisible) in Markdown, which a fence shows as code.
   */
  private static boolean shownAsCode(AuditRule rule, String kind) {
    return rule.category() == AuditCategory.HIDDEN_TEXT
        && !rule.hiddenOnly()
        && kind.equals("markdown");
  }

  /**
   * Whether {@code f} replaces {@code old}, found on the same line: worse, or as bad and further
   * left (the rule's alternatives are tried one after the other).
   */
  private static boolean better(Finding f, Finding old) {
    int c = f.severity().compareTo(old.severity());
    return c > 0 || c == 0 && f.pos().col() < old.pos().col();
  }

  private static Matcher matcher(Pattern p, CharSequence text) {
    return p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
  }

  /** The 0-based lines of {@code view} holding a character it changed. */
  private static BitSet changedLines(TextView view, int[] viewLines) {
    BitSet out = new BitSet();
    // from each changed character to the line holding it, then on past that line
    for (int at = view.nextChanged(0); at >= 0; ) {
      int l = HiddenRanges.lineOf(viewLines, at);
      out.set(l);
      if (l + 1 >= viewLines.length) {
        break;
      }
      at = view.nextChanged(viewLines[l + 1]);
    }
    return out;
  }

  private Optional<Finding> judge(
      AuditRule rule,
      SkillFile file,
      TextView view,
      Matcher m,
      String raw,
      int[] lineStarts,
      int line,
      boolean inHidden) {
    String text = view.text();
    int lineStart = text.lastIndexOf('\n', Math.max(0, m.start() - 1)) + 1;
    if (m.start() == 0) {
      lineStart = 0;
    }
    int lineEnd = text.indexOf('\n', m.end() > m.start() ? m.end() - 1 : m.end());
    lineEnd = lineEnd < 0 ? text.length() : lineEnd;
    if (lineEnd < lineStart) {
      lineEnd = lineStart;
    }
    String lineText = text.substring(lineStart, lineEnd);
    if (rule.unless().isPresent() && rule.unless().get().matcher(lineText).find()) {
      return Optional.empty();
    }
    String window = rule.window() == 0 ? lineText : window(text, lineStart, lineEnd, rule.window());
    if (rule.near().isPresent() && !rule.near().get().matcher(window).find()) {
      return Optional.empty();
    }
    AuditSeverity severity = rule.severity();
    String note = "";
    boolean raised = rule.raise().isPresent() && rule.raise().get().matcher(window).find();
    if (raised) {
      severity = AuditSeverity.DANGER;
    } else {
      String around =
          lineText.substring(0, Math.max(0, m.start() - lineStart))
              + " "
              + lineText.substring(Math.min(lineText.length(), Math.max(0, m.end() - lineStart)));
      boolean discussed =
          rule.lower().isPresent() && rule.lower().get().matcher(window).find()
              || context.isPresent() && context.get().matcher(around).find();
      boolean data = file.kind().equals("data");
      if (discussed || data) {
        severity = severity.lower();
      }
      if (discussed && data) { // a scanner's rule file: the entry names what it looks for
        severity = severity.lower();
      }
    }
    boolean obfuscated =
        view.kind().equals("unobfuscated")
            || view.kind().equals("payload")
            || view.kind().equals("decoded")
                && !file.kind().equals("html")
                && !file.kind().equals("svg");
    if (obfuscated) {
      severity = AuditSeverity.DANGER;
      note =
          view.kind().equals("unobfuscated")
              ? "Found only after removing invisible or look-alike characters. "
              : "Found only after decoding. ";
    }
    if (inHidden && !rule.hiddenOnly()) {
      severity = AuditSeverity.DANGER;
      note = "Hidden from readers of the page (HTML comment or invisible element). " + note;
    }
    int rawStart = view.rawOffset(m.start());
    int rawEnd = Math.max(rawStart, view.rawOffset(Math.max(m.start(), m.end() - 1)) + 1);
    String excerpt = Excerpts.around(raw, rawStart, Math.min(raw.length(), rawEnd));
    if (!view.kind().equals("text")) {
      excerpt = excerpt + " ⇒ " + Excerpts.around(text, m.start(), m.end());
    }
    int col = rawStart - lineStarts[line] + 1;
    return Optional.of(
        new Finding(
            rule.id(),
            severity,
            rule.category(),
            new SourcePos(file.path(), line + 1, Math.max(1, col)),
            excerpt,
            note + rule.message()));
  }

  /**
   * The lines from {@code lines} before the line {@code [start, end)} to {@code lines} after it.
   */
  private static String window(String text, int start, int end, int lines) {
    int from = start;
    for (int i = 0; i < lines && from > 0; i++) {
      from = text.lastIndexOf('\n', from - 2) + 1;
    }
    int to = end;
    for (int i = 0; i < lines && to < text.length(); i++) {
      int next = text.indexOf('\n', to + 1);
      to = next < 0 ? text.length() : next;
    }
    return text.substring(from, to);
  }
}
