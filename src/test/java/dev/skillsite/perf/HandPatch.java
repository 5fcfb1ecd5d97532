package dev.skillsite.perf;

import dev.skillsite.build.BuildResult;
import dev.skillsite.build.ThreadCpu;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lab program (not a test): given edits of given SKILL.md files patched in one long-lived JVM, as
 * {@link WarmPatch} patches its random ones (a refused edit is put back, never built whole): a
 * refusal met at scale made again, and its figure once it patches. The JVM is warmed first by
 * {@code WARMUP} rounds of bench/patch-mix's trigger edits (each put back, not counted).
 *
 * <pre>
 * java ... dev.skillsite.perf.HandPatch CONTENT SITE MAX_SKILLS WARMUP REPEATS FILE::FROM::TO...
 * </pre>
 *
 * FILE is relative to CONTENT; FROM's first occurrence is replaced by TO (written to a temporary
 * file and moved over it, as testing/PatchEdits writes); each edit is patched, then put back and
 * patched back, REPEATS times.
 */
public final class HandPatch {
  private HandPatch() {}

  public static void main(String[] args) throws Exception {
    Path content = Path.of(args[0]).toAbsolutePath();
    Path site = Path.of(args[1]).toAbsolutePath();
    int maxSkills = Integer.parseInt(args[2]);
    int warmup = Integer.parseInt(args[3]);
    int repeats = Integer.parseInt(args[4]);
    Resident resident = Resident.of(content, site, maxSkills);
    resident.warmUp(warmup);
    for (int k = 0; k < repeats; k++) {
      for (int e = 5; e < args.length; e++) {
        String[] spec = args[e].split("::", 3);
        Path file = content.resolve(spec[0]);
        String was = Files.readString(file, StandardCharsets.UTF_8);
        int at = was.indexOf(spec[1]);
        if (at < 0) {
          throw new IllegalArgumentException(spec[0] + " does not hold " + spec[1]);
        }
        String now = was.substring(0, at) + spec[2] + was.substring(at + spec[1].length());
        for (String text : List.of(now, was)) {
          Path tmp = file.resolveSibling(".hand-" + file.getFileName());
          Files.writeString(tmp, text, StandardCharsets.UTF_8);
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          String load = Resident.load();
          List<String> why = new ArrayList<>();
          ThreadCpu threads = ThreadCpu.take();
          long wall = System.nanoTime();
          Optional<BuildResult> r = resident.patch(List.of(file), why);
          double wallS = (System.nanoTime() - wall) / 1e9;
          String what = (text == now ? "edit " : "put-back ") + spec[0];
          if (r.isEmpty()) {
            System.out.printf("%d %s load %s: refused (%s)%n", k, what, load, why);
            if (text == now) {
              Files.writeString(tmp, was, StandardCharsets.UTF_8);
              Files.move(
                  tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
              break;
            }
            continue;
          }
          System.out.printf(
              "%d %s load %s: patched, wall %.2f s%n   %s%n   threads: %s%n",
              k, what, load, wallS, r.get().patch().steps(), ThreadCpu.take().note(threads));
        }
      }
    }
  }
}
