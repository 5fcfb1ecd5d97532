package dev.skillsite.audit;

import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file's text as the rules read it, with the way back to the file: each character's offset in the
 * raw text. Three kinds: the text with continued lines joined ({@link #joined}); the same with
 * invisible characters, look-alike letters and string splicing undone ({@link #unobfuscated}); with
 * entities and escapes decoded ({@link #decoded}); and with short base64, hex or char-code payloads
 * decoded in place ({@link #payload}).
 */
final class TextView {
  /** Longest base64 token decoded: 1,024 characters, 768 bytes. */
  static final int MAX_BASE64 = 1024;

  static final Pattern BASE64 =
      Pattern.compile(
          "(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{16," + MAX_BASE64 + "}={0,2}(?![A-Za-z0-9+/=])");
  static final Pattern HEX =
      Pattern.compile("(?<![0-9A-Fa-f])(?:[0-9a-fA-F]{2}){12,512}(?![0-9A-Fa-f])");
  private static final Pattern ESCAPES =
      Pattern.compile(
          "&#[xX]([0-9a-fA-F]{1,6});?|&#([0-9]{1,7});?|&(amp|lt|gt|quot|apos|nbsp|sol|vert|colon|period|lpar|rpar);"
              + "|\\\\x([0-9a-fA-F]{2})|\\\\u([0-9a-fA-F]{4})|\\\\u\\{([0-9a-fA-F]{1,6})}|%([0-9a-fA-F]{2})(?=%[0-9a-fA-F]{2})"
              + "|(?<=%[0-9a-fA-F]{2})%([0-9a-fA-F]{2})");
  private static final Pattern CHAR_CODES =
      Pattern.compile(
          "(?i)fromCharCode\\(\\s*((?:\\d{1,3}\\s*,\\s*){3,400}\\d{1,3})\\s*\\)|((?:chr\\(\\d{1,3}\\)\\s*\\+\\s*){3,400}chr\\(\\d{1,3}\\))");
  private static final Pattern CHR = Pattern.compile("\\d{1,3}");
  static final Pattern SPLICE = Pattern.compile("([\"'])\\s*\\+\\s*\\1|(?<=\\w)(?:''|\"\")(?=\\w)");

  private final String kind;
  private final String text;

  /** Each view character's raw offset (null: its own; made on demand from {@link #segments}). */
  private int[] origin;

  /**
   * For the joined view, without {@link #origin}: {@code viewStart, rawStart} pairs of the pieces
   * copied as they are, each followed by one space standing for a continuation (its raw offset in
   * {@link #spaces}) except the last.
   */
  private int[] segments;

  private int[] spaces;

  /** The view characters this view changed or put in (null: none, the raw text's own view). */
  private final BitSet changed;

  private char[] chars;

  /** {@link #regions()}, made once (or given by {@link #scanned}). */
  private int[][] regions;

  /** What {@link #mayBeObfuscated} says of this view, when a {@link TextScan} told. */
  private Boolean obfuscatable;

  private TextView(String kind, String text, int[] origin, BitSet changed) {
    this.kind = kind;
    this.text = text;
    this.origin = origin;
    this.changed = changed;
  }

  /** Takes what {@code scan}, a scan of this view's characters, found. */
  void scanned(TextScan scan) {
    regions = scan.regions();
    obfuscatable = scan.obfuscatable();
  }

  /** What the view undid, for messages: {@code text}, {@code unobfuscated} or {@code decoded}. */
  String kind() {
    return kind;
  }

  String text() {
    return text;
  }

  /** The text as an array (made once; loops over an array beat {@code charAt}). */
  char[] chars() {
    if (chars == null) {
      chars = text.toCharArray();
    }
    return chars;
  }

  /**
   * Whether a view character in {@code [from, to)} was changed by this view or the one it was made
   * from (decoded, put in, next to a removed character): a rule finds nothing new elsewhere.
   */
  boolean changedIn(int from, int to) {
    if (changed == null) {
      return false;
    }
    int next = changed.nextSetBit(from);
    return next >= 0 && next < to;
  }

  /** The first view character at or after {@code from} that this view changed, or -1. */
  int nextChanged(int from) {
    return changed == null ? -1 : changed.nextSetBit(from);
  }

  private boolean changed(int i) {
    return changed != null && changed.get(i);
  }

  /** The raw offset of view character {@code i}. */
  int rawOffset(int i) {
    if (segments != null && origin == null) {
      return segmentOffset(Math.min(Math.max(i, 0), Math.max(0, text.length() - 1)));
    }
    if (origin == null) {
      return i;
    }
    return origin.length == 0 ? 0 : origin[Math.min(Math.max(i, 0), origin.length - 1)];
  }

  /** The raw offset of view character {@code i} of a joined view, from its segments. */
  private int segmentOffset(int i) {
    if (text.isEmpty()) {
      return 0;
    }
    int lo = 0;
    int hi = segments.length / 2 - 1;
    while (lo < hi) { // the last segment starting at or before i
      int mid = (lo + hi + 1) >>> 1;
      if (segments[2 * mid] <= i) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    boolean space = lo + 1 < segments.length / 2 && i == segments[2 * (lo + 1)] - 1;
    return space ? spaces[lo] : segments[2 * lo + 1] + i - segments[2 * lo];
  }

  /** {@link #origin}, made from the segments when needed; null for the raw text's own view. */
  private int[] origin() {
    if (origin == null && segments != null) {
      int[] o = new int[text.length()];
      int pieces = segments.length / 2;
      for (int k = 0; k < pieces; k++) {
        int end = k + 1 < pieces ? segments[2 * (k + 1)] - 1 : o.length;
        for (int i = segments[2 * k], raw = segments[2 * k + 1]; i < end; i++) {
          o[i] = raw++;
        }
        if (k + 1 < pieces) {
          o[end] = spaces[k];
        }
      }
      origin = o;
    }
    return origin;
  }

  /**
   * The raw text with lines continued by a trailing backslash (shell) or backtick (PowerShell)
   * joined. A trailing backtick that closes Markdown inline code (an even number of backticks on
   * the line, none before it a space) or belongs to a code fence continues nothing.
   */
  static TextView joined(String raw) {
    char[] cs = raw.toCharArray();
    return joined(raw, cs, HiddenRanges.lineStarts(cs));
  }

  /**
   * As {@link #joined(String)}, from the raw text's characters and line starts (read once by the
   * caller): only the ends of lines are looked at, and the text between continuations is copied in
   * bulk.
   */
  static TextView joined(String raw, char[] cs, int[] lineStarts) {
    // continuations as (backslash or backtick, first character kept after it) pairs
    int[] cont = null;
    int count = 0;
    int copied = 0;
    for (int l = 1; l < lineStarts.length; l++) {
      int nl = lineStarts[l] - 1; // the newline ending line l - 1
      int at = nl - 1;
      if (at >= copied && at >= 0 && cs[at] == '\r') {
        at--;
      }
      if (at < copied || at < 0 || cs[at] != '\\' && cs[at] != '`') {
        continue;
      }
      if (cs[at] == '`' && !backtickContinues(cs, Math.max(copied, lineStarts[l - 1]), at)) {
        continue;
      }
      int j = nl + 1;
      while (j < cs.length && (cs[j] == ' ' || cs[j] == '\t')) {
        j++;
      }
      if (cont == null) {
        cont = new int[16];
      } else if (count * 2 + 2 > cont.length) {
        cont = Arrays.copyOf(cont, cont.length * 2);
      }
      cont[count * 2] = at;
      cont[count * 2 + 1] = j;
      count++;
      copied = j;
    }
    if (cont == null) {
      TextView plain = new TextView("text", raw, null, null);
      plain.chars = cs;
      return plain;
    }
    int length = cs.length;
    for (int k = 0; k < count; k++) {
      length -= cont[2 * k + 1] - cont[2 * k] - 1;
    }
    // each continuation becomes one space; the rest is copied as it is (the raw offsets are kept
    // per piece, not per character)
    char[] out = new char[length];
    int[] segments = new int[2 * (count + 1)];
    int[] spaces = new int[count];
    int n = 0;
    int from = 0;
    for (int k = 0; k <= count; k++) {
      int to = k < count ? cont[2 * k] : cs.length;
      segments[2 * k] = n;
      segments[2 * k + 1] = from;
      System.arraycopy(cs, from, out, n, to - from);
      n += to - from;
      if (k < count) {
        out[n++] = ' ';
        spaces[k] = to;
        from = cont[2 * k + 1];
      }
    }
    TextView v = new TextView("text", new String(out), null, new BitSet());
    v.segments = segments;
    v.spaces = spaces;
    v.chars = out;
    return v;
  }

  /**
   * Whether the backtick at {@code at}, last on the line that starts at {@code start}, continues
   * the line as PowerShell's does: after a space or tab, or as the odd one out on a line that is
   * not a code fence (Markdown inline code has its backticks in pairs).
   */
  private static boolean backtickContinues(char[] cs, int start, int at) {
    if (at > start && (cs[at - 1] == ' ' || cs[at - 1] == '\t')) {
      return true;
    }
    int k = start;
    while (k < at && (cs[k] == ' ' || cs[k] == '\t')) {
      k++;
    }
    if (k + 2 <= at && cs[k] == '`' && cs[k + 1] == '`' && cs[k + 2] == '`') {
      return false; // a fence
    }
    int ticks = 0;
    for (int i = start; i <= at; i++) {
      if (cs[i] == '`') {
        ticks++;
      }
    }
    return ticks % 2 == 1;
  }

  private static int continuation(String s, int i) {
    if (i < s.length() && s.charAt(i) == '\n') {
      return 1;
    }
    return i + 1 < s.length() && s.charAt(i) == '\r' && s.charAt(i + 1) == '\n' ? 2 : 0;
  }

  /**
   * This view with zero-width and tag characters removed, look-alike letters and full-width forms
   * mapped to ASCII, and spliced strings ({@code "cu" + "rl"}, {@code c''url}) joined; empty when
   * there was nothing to undo.
   */
  Optional<TextView> unobfuscated() {
    char[] cs = chars();
    if (obfuscatable == null ? !mayBeObfuscated(cs) : !obfuscatable) {
      return Optional.empty();
    }
    Builder b = new Builder(cs.length);
    boolean changed = false;
    int copied = 0;
    for (int i = 0; i < cs.length; i++) {
      char c = cs[i];
      if (c < 0x80) {
        continue;
      }
      b.addRange(this, copied, i);
      copied = i + 1;
      if (Unicode.isInvisible(c)) {
        changed = true;
        b.removed();
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Unicode.isTag(text.codePointAt(i))) {
        changed = true;
        b.removed();
        i++;
        copied = i + 1;
        continue;
      }
      char mapped = Unicode.toAscii(c);
      changed |= mapped != c;
      b.add(mapped, rawOffset(i), mapped != c || changed(i));
    }
    b.addRange(this, copied, cs.length);
    TextView clean = b.view("unobfuscated");
    char[] cc = clean.chars();
    int at = nextSplice(cc, 0);
    if (at < 0) {
      return changed ? Optional.of(clean) : Optional.empty();
    }
    Builder s = new Builder(cc.length);
    int last = 0;
    do {
      s.addRange(clean, last, at);
      s.removed();
      last = spliceEnd(cc, at);
      at = nextSplice(cc, last);
    } while (at >= 0);
    s.addRange(clean, last, cc.length);
    return Optional.of(s.view("unobfuscated"));
  }

  /**
   * Where the next match of {@link #SPLICE} at or after {@code from} starts, or -1: found by hand,
   * at the quotes only (both alternatives start with one).
   */
  static int nextSplice(char[] cs, int from) {
    for (int i = from; i < cs.length; i++) {
      char c = cs[i];
      if ((c == '"' || c == '\'') && spliceEnd(cs, i) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Where the {@link #SPLICE} match starting at the quote at {@code i} ends, or -1 when none starts
   * there: {@code "\s*+\s*"} with the same quote twice (tried first), or a doubled quote between
   * two word characters.
   */
  private static int spliceEnd(char[] cs, int i) {
    char q = cs[i];
    int n = cs.length;
    int j = i + 1;
    while (j < n && regexSpace(cs[j])) {
      j++;
    }
    if (j < n && cs[j] == '+') {
      j++;
      while (j < n && regexSpace(cs[j])) {
        j++;
      }
      if (j < n && cs[j] == q) {
        return j + 1;
      }
    }
    if (i > 0 && i + 2 < n && word(cs[i - 1]) && cs[i + 1] == q && word(cs[i + 2])) {
      return i + 2;
    }
    return -1;
  }

  /** {@code \s} of a regular expression without Unicode classes. */
  private static boolean regexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /**
   * This view with HTML entities and {@code \\x}/{@code \\u}/percent escapes decoded; empty when
   * there were none.
   */
  Optional<TextView> decoded() {
    return replaceAll("decoded", ESCAPES);
  }

  /**
   * This view with char-code lists and base64 or hex tokens of printable text (at most {@value
   * #MAX_BASE64} characters) decoded in place; empty when there were none.
   */
  Optional<TextView> payload() {
    return replaceAll("payload", CHAR_CODES, BASE64, HEX);
  }

  private Optional<TextView> replaceAll(String kind, Pattern... patterns) {
    TextView v = this;
    boolean changed = false;
    for (Pattern p : patterns) {
      Optional<TextView> next = v.replace(p);
      if (next.isPresent()) {
        v = next.get();
        changed = true;
      }
    }
    return changed
        ? Optional.of(new TextView(kind, v.text, v.originArray(), v.changed))
        : Optional.empty();
  }

  private int[] originArray() {
    if (origin() != null) {
      return origin;
    }
    int[] o = new int[text.length()];
    Arrays.setAll(o, i -> i);
    return o;
  }

  /**
   * This view with the matches of {@code p} decoded in place; {@code p} runs only on the lines a
   * cheap look finds worth it (see {@link #candidates}).
   */
  private Optional<TextView> replace(Pattern p) {
    int[] regions = candidates(p);
    if (regions.length == 0) {
      return Optional.empty();
    }
    if (p == BASE64 || p == HEX) {
      return replaceRuns(p == BASE64, regions);
    }
    Matcher m = p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    Builder b = null;
    int last = 0;
    for (int r = 0; r < regions.length; r += 2) {
      m.region(Math.max(regions[r], last), regions[r + 1]);
      while (m.find()) {
        Optional<String> decoded = decode(p, m);
        if (decoded.isEmpty()) {
          continue;
        }
        if (b == null) {
          b = new Builder(text.length());
        }
        b.addRange(this, last, m.start());
        int at = rawOffset(m.start());
        for (int i = 0; i < decoded.get().length(); i++) {
          b.add(decoded.get().charAt(i), at, true);
        }
        last = m.end();
      }
    }
    if (b == null) {
      return Optional.empty();
    }
    b.addRange(this, last, text.length());
    return Optional.of(b.view("decoded"));
  }

  /**
   * As {@link #replace}, for {@link #BASE64} ({@code base64} true) or {@link #HEX}: their matches
   * are whole runs of base64 characters or hex digits, found here without the regular expression
   * engine. A run of base64 characters matches when it holds 16 to {@value #MAX_BASE64} of them and
   * is followed by at most two {@code =} and then neither; a run of hex digits when it holds an
   * even number of them, 24 to 1,024.
   */
  private Optional<TextView> replaceRuns(boolean base64, int[] regions) {
    char[] cs = chars();
    Builder b = null;
    int last = 0;
    for (int r = 0; r < regions.length; r += 2) {
      int to = regions[r + 1];
      int i = Math.max(regions[r], last);
      while (i < to) {
        if (!in(base64, cs[i]) || i > 0 && in(base64, cs[i - 1])) {
          i++;
          continue;
        }
        int q = i;
        while (q < to && in(base64, cs[q])) {
          q++;
        }
        int end = base64 ? base64End(cs, i, q, to) : hexEnd(cs, i, q);
        if (end < 0) {
          i = q;
          continue;
        }
        Optional<String> decoded = decodeRun(base64, text.substring(i, end));
        if (decoded.isPresent()) {
          if (b == null) {
            b = new Builder(text.length());
          }
          b.addRange(this, last, i);
          int at = rawOffset(i);
          for (int k = 0; k < decoded.get().length(); k++) {
            b.add(decoded.get().charAt(k), at, true);
          }
          last = end;
        }
        i = end;
      }
    }
    if (b == null) {
      return Optional.empty();
    }
    b.addRange(this, last, text.length());
    return Optional.of(b.view("decoded"));
  }

  private static boolean in(boolean base64, char c) {
    return base64 ? TextScan.base64(c) : TextScan.hex(c);
  }

  /**
   * Where the {@link #BASE64} match of the run {@code cs[start, end)} ends (its {@code =} padding
   * within {@code to} included), or -1 when there is none.
   */
  static int base64End(char[] cs, int start, int end, int to) {
    if (end - start < 16 || end - start > MAX_BASE64) {
      return -1;
    }
    int after = end;
    while (after - end < 2 && after < to && cs[after] == '=') {
      after++;
    }
    return after < cs.length && (TextScan.base64(cs[after]) || cs[after] == '=') ? -1 : after;
  }

  /** Where the {@link #HEX} match of the run {@code cs[start, end)} ends, or -1. */
  static int hexEnd(char[] cs, int start, int end) {
    int n = end - start;
    if (n % 2 != 0 || n < 24 || n > 1024 || end < cs.length && TextScan.hex(cs[end])) {
      return -1;
    }
    return end;
  }

  /**
   * The regions ({@code start, end} pairs, in order) where {@code p} may match: the lines holding
   * an escape's first characters, a run of base64 or hex characters long enough, or the whole text
   * when it calls for char codes. The patterns match within a line, except char-code lists.
   */
  private int[] candidates(Pattern p) {
    if (p == CHAR_CODES) {
      return hasCharCodes(text) ? new int[] {0, text.length()} : new int[0];
    }
    if (regions == null) {
      regions = regions();
    }
    return p == ESCAPES ? regions[0] : p == BASE64 ? regions[1] : regions[2];
  }

  /** The candidate regions of {@link #ESCAPES}, {@link #BASE64} and {@link #HEX}, in one pass. */
  private int[][] regions() {
    return TextScan.of(chars(), KeywordSet.NONE).regions();
  }

  /** Whether an escape {@link #ESCAPES} decodes may start at {@code i}. */
  static boolean escapeAt(char[] s, int i) {
    char c = s[i];
    int n = s.length;
    return c == '&' && i + 1 < n && (s[i + 1] == '#' || Character.isLetter(s[i + 1]))
        || c == '\\' && i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == 'u')
        || c == '%' && i + 2 < n && hex(s[i + 1]) && hex(s[i + 2]);
  }

  private static boolean hasCharCodes(String s) {
    for (int i = s.indexOf('('); i >= 0; i = s.indexOf('(', i + 1)) {
      if (i >= 3 && s.regionMatches(true, i - 3, "chr", 0, 3)
          || i >= 12 && s.regionMatches(true, i - 12, "fromCharCode", 0, 12)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the quote at {@code i} starts a {@link #SPLICE}: {@code "cu" + "rl"} (the same quote
   * again after a plus) or {@code c''url} (a doubled quote inside a word).
   */
  static boolean spliceAt(char[] s, int i) {
    char q = s[i];
    int n = s.length;
    if (i > 0 && i + 2 < n && word(s[i - 1]) && s[i + 1] == q && word(s[i + 2])) {
      return true;
    }
    int j = i + 1;
    while (j < n && Character.isWhitespace(s[j])) {
      j++;
    }
    if (j >= n || s[j] != '+') {
      return false;
    }
    j++;
    while (j < n && Character.isWhitespace(s[j])) {
      j++;
    }
    return j < n && s[j] == q;
  }

  private static boolean word(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }

  private static Optional<String> decode(Pattern p, Matcher m) {
    try {
      if (p == ESCAPES) {
        return Optional.of(unescape(m));
      }
      if (p == CHAR_CODES) {
        StringBuilder sb = new StringBuilder();
        Matcher d = CHR.matcher(m.group(1) != null ? m.group(1) : m.group(2));
        while (d.find()) {
          sb.append((char) Integer.parseInt(d.group()));
        }
        return printable(sb.toString());
      }
      return decodeRun(p == BASE64, m.group());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A {@link #BASE64} ({@code base64} true) or {@link #HEX} token decoded, if it reads as text. */
  private static Optional<String> decodeRun(boolean base64, String token) {
    try {
      if (base64) {
        if (!mixed(token)) {
          return Optional.empty();
        }
        byte[] bytes = Base64.getDecoder().decode(token.replace("=", ""));
        return printable(latin1(bytes));
      }
      return printable(latin1(java.util.HexFormat.of().parseHex(token)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String unescape(Matcher m) {
    if (m.group(1) != null) {
      return new String(
          Character.toChars(Math.min(Integer.parseInt(m.group(1), 16), Character.MAX_CODE_POINT)));
    }
    if (m.group(2) != null) {
      return new String(
          Character.toChars(Math.min(Integer.parseInt(m.group(2)), Character.MAX_CODE_POINT)));
    }
    if (m.group(3) != null) {
      return switch (m.group(3).toLowerCase(Locale.ROOT)) {
        case "amp" -> "&";
        case "lt" -> "<";
        case "gt" -> ">";
        case "quot" -> "\"";
        case "apos" -> "'";
        case "sol" -> "/";
        case "vert" -> "|";
        case "colon" -> ":";
        case "period" -> ".";
        case "lpar" -> "(";
        case "rpar" -> ")";
        default -> " ";
      };
    }
    for (int g = 4; g <= 8; g++) {
      if (m.group(g) != null) {
        return new String(
            Character.toChars(
                Math.min(Integer.parseInt(m.group(g), 16), Character.MAX_CODE_POINT)));
      }
    }
    return m.group();
  }

  private static String latin1(byte[] bytes) {
    return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** Decoded text that reads as text: at least 8 characters, 90 % printable ASCII. */
  private static Optional<String> printable(String s) {
    if (s.length() < 8) {
      return Optional.empty();
    }
    int ok = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' || c == '\r') {
        ok++;
      }
    }
    return ok * 10 >= s.length() * 9
        ? Optional.of(s.replace('\n', ' ').replace('\r', ' '))
        : Optional.empty();
  }

  /**
   * A base64 token worth trying: upper and lower case letters and a digit or symbol, as encoded
   * text has.
   */
  private static boolean mixed(String token) {
    boolean upper = false;
    boolean lower = false;
    boolean other = false;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      other |= c >= '0' && c <= '9' || c == '+' || c == '/';
    }
    return upper && lower && other;
  }

  /** A cheap look for anything {@link #unobfuscated} could undo. */
  static boolean mayBeObfuscated(char[] s) {
    for (int i = 0; i < s.length; i++) {
      char c = s[i];
      if (c >= 0x80 && undoable(s, i)) {
        return true;
      }
      if ((c == '\'' || c == '"') && spliceAt(s, i)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the character at {@code i} (from U+0080 on) is one {@link #unobfuscated} removes or
   * maps: invisible, a tag, a look-alike.
   */
  static boolean undoable(char[] s, int i) {
    char c = s[i];
    return Unicode.isInvisible(c)
        || Character.isHighSurrogate(c)
            && i + 1 < s.length
            && Unicode.isTag(Character.codePointAt(s, i))
        || Unicode.toAscii(c) != c;
  }

  private static boolean hex(char c) {
    return TextScan.hex(c);
  }

  /** Appends characters with their raw offsets and whether each was changed. */
  private static final class Builder {
    private final StringBuilder sb;
    private final BitSet changed = new BitSet();
    private int[] origin;
    private boolean removed;

    Builder(int capacity) {
      sb = new StringBuilder(capacity);
      origin = new int[Math.max(16, capacity)];
    }

    void add(char c, int rawOffset, boolean change) {
      if (sb.length() == origin.length) {
        origin = Arrays.copyOf(origin, origin.length * 2);
      }
      if (change || removed) {
        changed.set(sb.length());
        removed = false;
      }
      origin[sb.length()] = rawOffset;
      sb.append(c);
    }

    /** Appends {@code src}'s characters {@code [from, to)} as they are. */
    void addRange(TextView src, int from, int to) {
      if (to <= from) {
        return;
      }
      int at = sb.length();
      int n = to - from;
      if (at + n > origin.length) {
        origin = Arrays.copyOf(origin, Math.max(origin.length * 2, at + n));
      }
      int[] srcOrigin = src.origin();
      if (srcOrigin == null) {
        for (int k = 0; k < n; k++) {
          origin[at + k] = from + k;
        }
      } else {
        System.arraycopy(srcOrigin, from, origin, at, n);
      }
      if (removed) {
        changed.set(at);
        removed = false;
      }
      if (src.changed != null) {
        for (int k = src.changed.nextSetBit(from);
            k >= 0 && k < to;
            k = src.changed.nextSetBit(k + 1)) {
          changed.set(at + k - from);
        }
      }
      sb.append(src.chars(), from, n);
    }

    /** A character was left out here: the characters on either side count as changed. */
    void removed() {
      if (sb.length() > 0) {
        changed.set(sb.length() - 1);
      }
      removed = true;
    }

    TextView view(String kind) {
      return new TextView(kind, sb.toString(), Arrays.copyOf(origin, sb.length()), changed);
    }
  }
}
