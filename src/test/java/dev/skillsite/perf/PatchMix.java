package dev.skillsite.perf;

import dev.skillsite.testing.PatchEdits;
import dev.skillsite.testing.PatchTally;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lab program (not a test; {@code bench/patch-mix}): the edit mix of {@code build.PatchFuzzTest}
 * ({@link PatchEdits}, every kind, seeded) applied to a content folder whose site a cached build
 * made, each edit built by the CLI ({@code skillsite build --changed F --timings}, a new JVM under
 * {@code /usr/bin/time}) as a user runs it. A patched edit: its wall, user+sys CPU and each step's
 * CPU (from {@code --timings}) recorded, then the edit put back and patched back (not counted; if
 * that patch is refused the edit is made again, so the site stays the content's). A refused edit:
 * the reason (printed before the whole build starts) recorded, the build killed before it publishes
 * anything and the edit put back. Prints one line per edit and a table per kind: patched / refused
 * by normalised reason, medians of wall and step CPU.
 *
 * <pre>
 * bench/patch-mix CONTENT SITE [ROUNDS [SEED [BUILD OPTIONS…]]]   # e.g. --max-skills 200000
 * </pre>
 *
 * The launcher is {@code $SKILLSITE} (default: {@code ./skillsite}); {@code SKILLSITE_JAVA_OPTS}
 * passes through.
 */
public final class PatchMix {
  static final Pattern STEP =
      Pattern.compile(
          // a step's note may hold one level of parentheses (the route step's counts)
          "(?:^|, )([a-z]+)(?: \\((?:[^()]|\\([^()]*\\))*\\))? ([\\d.]+) ms \\((?:process )?CPU"
              + " ([\\d.]+)\\)");
  private static final Pattern TIME =
      Pattern.compile("TIME wall ([\\d.]+) user ([\\d.]+) sys ([\\d.]+) rss (\\d+)");
  private static final String REFUSED = "patch: not taken (";

  private PatchMix() {}

  public static void main(String[] args) throws Exception {
    Path content = Path.of(args[0]).toAbsolutePath();
    Path site = Path.of(args[1]).toAbsolutePath();
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 27;
    String launcher = System.getenv().getOrDefault("SKILLSITE", "./skillsite");
    List<String> options = args.length > 4 ? List.of(args).subList(4, args.length) : List.of();
    PatchEdits edits = PatchEdits.ofPublished(content, site, seed);
    PatchTally tally = new PatchTally();
    // -Dpatchmix.kinds=TRIGGER_ADDED,…: only those kinds run (the others are made and put back)
    String only = System.getProperty("patchmix.kinds", "");
    int n =
        edits.rounds(
            rounds,
            tally,
            (edit, i) -> {
              PatchEdits.Kind kind = edit.kind();
              if (!only.isEmpty() && !List.of(only.split(",")).contains(kind.name())) {
                edit.restore();
                return;
              }
              String load = Resident.load();
              Run r = run(launcher, options, content, site, edit.changed());
              if (r.refused().isPresent()) {
                tally.refused(kind, r.refused().get(), List.of(edit.skill()));
                if (r.killed()) {
                  edit.restore(); // else the whole build published the edit: the content keeps it
                }
                System.out.printf(
                    "%d %s load %s: refused (%s) %s%n",
                    i, kind, load, r.refused().get(), edit.what());
              } else if (r.patched()) {
                tally.patched(kind);
                tally.figure(kind, "wall s", r.wall());
                tally.figure(kind, "cpu s", r.cpu());
                Matcher m = STEP.matcher(r.steps());
                while (m.find()) {
                  if (!m.group(1).equals("start")) {
                    tally.figure(kind, m.group(1) + " cpu ms", Double.parseDouble(m.group(3)));
                  }
                }
                System.out.printf(
                    "%d %s load %s: patched, wall %.2f s, cpu %.2f s; %s%n   %s%n",
                    i, kind, load, r.wall(), r.cpu(), edit.what(), r.steps());
                edit.restore();
                Run back = run(launcher, options, content, site, edit.changed());
                if (back.killed()) { // the site keeps the edit: so does the content
                  edit.redo();
                  System.out.printf(
                      "   put back: %s; the edit is kept%n", back.refused().orElse(back.output()));
                }
              } else {
                throw new IllegalStateException("neither patched nor refused: " + r.output());
              }
            });
    System.out.println(
        "\nPatchMix " + content + ", seed " + seed + ", " + n + " edits:\n" + tally.table());
  }

  /** One CLI run: the refusal's reason, or the patch's steps and times. */
  private record Run(
      Optional<String> refused,
      boolean killed,
      boolean patched,
      String steps,
      double wall,
      double cpu,
      String output) {}

  private static Run run(
      String launcher, List<String> options, Path content, Path site, List<Path> changed)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "/usr/bin/time",
                "-f",
                "TIME wall %e user %U sys %S rss %M",
                launcher,
                "build",
                "--content",
                content.toString(),
                "--out",
                site.toString(),
                "--timings"));
    command.addAll(options);
    command.add("--changed");
    changed.forEach(p -> command.add(p.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    Optional<String> refused = Optional.empty();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.append(line).append('\n');
        if (line.startsWith(REFUSED) && line.endsWith("; building whole")) {
          // the whole build has only begun: stop it before it publishes anything
          refused =
              Optional.of(
                  line.substring(REFUSED.length(), line.length() - "); building whole".length()));
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          break;
        }
      }
    }
    p.waitFor(60, TimeUnit.SECONDS);
    String text = out.toString();
    if (refused.isPresent()) {
      return new Run(refused, true, false, "", 0, 0, text);
    }
    Matcher steps = Pattern.compile("(?m)^patch: \\d+ changed skills?, .*?; (.*)$").matcher(text);
    Matcher time = TIME.matcher(text);
    if (!steps.find() || !time.find()) {
      Matcher whole =
          Pattern.compile("(?m)^patch: not taken, built whole \\((.*)\\)$").matcher(text);
      return new Run(
          whole.find() ? Optional.of(whole.group(1)) : Optional.empty(),
          false,
          false,
          "",
          0,
          0,
          text);
    }
    return new Run(
        Optional.empty(),
        false,
        true,
        steps.group(1),
        Double.parseDouble(time.group(1)),
        Double.parseDouble(time.group(2)) + Double.parseDouble(time.group(3)),
        text);
  }
}
