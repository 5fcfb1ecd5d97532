package dev.skillsite.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code build --changed …} without picocli: a patch build is over in about a second, and picocli
 * spends 150–300 ms of it building the model of every command from their annotations (its classes
 * are Java 5 class files, which the JDK's dynamic class archive never holds). This reads the common
 * form of the patch's command line — {@code build} with {@code --changed} and the plain options of
 * {@link BuildCommand} and {@link SiteOptions}, each at most once, values that picocli would take
 * the same way — into a {@link BuildCommand} with the fields picocli would set. Anything else
 * (help, version, an unknown or repeated option, a value that starts with {@code -} or {@code @},
 * {@code =} on a flag, a number picocli might read otherwise, a value {@link SiteOptions} refuses,
 * a {@code picocli.*} system property) is left to picocli, so the options, their errors and their
 * help stay picocli's. {@code QuickBuildTest} compares the two on many command lines.
 */
final class QuickBuild {
  private static final Set<String> FLAGS =
      Set.of("--strict", "--timings", "--verbose", "--no-cache");
  private static final Set<String> VALUED =
      Set.of(
          "--content",
          "--out",
          "--templates",
          "--base-url",
          "--lock-wait",
          "--max-skills",
          "--changed-from");

  /** The same test as {@link SiteOptions#buildOptions}. */
  private static final String BASE_URL = "(?i)https?://[^\\s/?#\"'<>`]+(/[^\\s\"'<>`]*)?";

  private QuickBuild() {}

  /**
   * The {@code build} command {@code args} ask for, when they are the simple form of a patch build
   * this reads as picocli would; empty when picocli is to read them.
   */
  static Optional<BuildCommand> parse(String[] args) {
    if (args.length < 3 || !args[0].equals("build") || picocliProperties()) {
      return Optional.empty();
    }
    BuildCommand b = new BuildCommand();
    b.site = new SiteOptions();
    b.site.content = Path.of("content");
    b.site.out = Path.of("site-output");
    b.site.lockWait = 300;
    b.site.maxSkills = 10000;
    Set<String> seen = new HashSet<>();
    try {
      for (int i = 1; i < args.length; i++) {
        String a = args[i];
        if (a.startsWith("@")) {
          return Optional.empty(); // an argument file: picocli expands it
        }
        if (a.equals("--changed")) {
          if (!seen.add(a)) {
            return Optional.empty();
          }
          List<Path> paths = new ArrayList<>();
          while (i + 1 < args.length && !args[i + 1].startsWith("-")) {
            String v = args[++i];
            if (!plain(v)) {
              return Optional.empty();
            }
            paths.add(Path.of(v));
          }
          if (paths.isEmpty()) {
            return Optional.empty();
          }
          b.changed = paths;
          continue;
        }
        if (FLAGS.contains(a)) {
          if (!seen.add(a)) {
            return Optional.empty();
          }
          switch (a) {
            case "--strict" -> b.strict = true;
            case "--timings" -> b.timings = true;
            case "--verbose" -> b.verbose = true;
            default -> b.site.noCache = true;
          }
          continue;
        }
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        if (!VALUED.contains(name) || !seen.add(name)) {
          return Optional.empty();
        }
        String v;
        if (eq >= 0) {
          v = a.substring(eq + 1);
        } else if (i + 1 < args.length) {
          v = args[++i];
        } else {
          return Optional.empty();
        }
        if (!plain(v)) {
          return Optional.empty();
        }
        switch (name) {
          case "--content" -> b.site.content = Path.of(v);
          case "--out" -> b.site.out = Path.of(v);
          case "--templates" -> b.site.templates = Path.of(v);
          case "--base-url" -> {
            if (!v.matches(BASE_URL)) {
              return Optional.empty();
            }
            b.site.baseUrl = v;
          }
          case "--lock-wait" -> b.site.lockWait = number(v);
          case "--max-skills" -> b.site.maxSkills = (int) number(v);
          default -> b.changedFrom = v;
        }
        if (b.site.lockWait < 0 || b.site.maxSkills < 1) {
          return Optional.empty();
        }
      }
    } catch (InvalidPathException | NumberFormatException e) {
      return Optional.empty();
    }
    return b.changed == null ? Optional.empty() : Optional.of(b);
  }

  /**
   * Runs {@code build} as {@link picocli.CommandLine#execute} would: its exit code, a failure
   * reported by {@link Main#failure}.
   */
  static int run(BuildCommand build) {
    return run(
        build,
        writer(System.out, "sun.stdout.encoding"),
        writer(System.err, "sun.stderr.encoding"));
  }

  /** {@link #run(BuildCommand)} reporting on {@code out} and {@code err}. */
  static int run(BuildCommand build, PrintWriter out, PrintWriter err) {
    try {
      return build.run(out, err);
    } catch (Exception | OutOfMemoryError e) {
      return Main.failure(e, err);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** A value picocli takes as it is: not empty, not an option's look, not an argument file. */
  private static boolean plain(String v) {
    return !v.isEmpty() && !v.startsWith("-") && !v.startsWith("@") && v.indexOf('\0') < 0;
  }

  /**
   * A decimal number of at most nine digits without a leading zero: one that {@code Long.decode}
   * (picocli) and {@code Long.parseLong} read alike.
   */
  private static long number(String v) {
    if (!v.matches("0|[1-9][0-9]{0,8}")) {
      throw new NumberFormatException(v);
    }
    return Long.parseLong(v);
  }

  private static boolean picocliProperties() {
    for (String p : System.getProperties().stringPropertyNames()) {
      if (p.startsWith("picocli.")) {
        return true;
      }
    }
    return false;
  }

  /** The writer picocli makes for a stream ({@code CommandLine.getOut}, {@code getErr}). */
  private static PrintWriter writer(OutputStream stream, String encodingProperty) {
    String name = System.getProperty(encodingProperty);
    Charset charset = Charset.defaultCharset();
    if (name != null) {
      try {
        charset = Charset.forName(name.equalsIgnoreCase("cp65001") ? "UTF-8" : name);
      } catch (RuntimeException e) {
        // picocli falls back to the default charset too
      }
    }
    return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
  }
}
