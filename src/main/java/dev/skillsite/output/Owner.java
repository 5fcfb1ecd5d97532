package dev.skillsite.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds an output folder's {@link OutputLock}, as its lock file says: the process id, when that
 * process started (a pid is reused once its process ends: the start time tells the two apart), the
 * command, and since when it holds the lock.
 */
record Owner(long pid, Instant processStart, String command, Instant since) {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** Lock files are a few hundred bytes; anything longer is not one of ours. */
  private static final long MAX_BYTES = 4096;

  /** This process, about to hold a lock for {@code command}. */
  static Owner current(String command) {
    ProcessHandle self = ProcessHandle.current();
    return new Owner(
        self.pid(), self.info().startInstant().orElse(Instant.EPOCH), command, Instant.now());
  }

  /** The lines of a lock file. */
  String text() {
    return "skillsite output lock\npid: "
        + pid
        + "\nprocess-start: "
        + processStart
        + "\ncommand: "
        + command
        + "\nsince: "
        + since
        + "\n";
  }

  /** The owner a lock file names; empty when it is missing, being written or not a lock file. */
  static Optional<Owner> read(Path file) {
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
        return Optional.empty();
      }
      Map<String, String> fields = new HashMap<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int colon = line.indexOf(": ");
        if (colon > 0) {
          fields.put(line.substring(0, colon), line.substring(colon + 2));
        }
      }
      if (!fields.keySet().containsAll(List.of("pid", "process-start", "command", "since"))) {
        return Optional.empty();
      }
      return Optional.of(
          new Owner(
              Long.parseLong(fields.get("pid")),
              Instant.parse(fields.get("process-start")),
              fields.get("command"),
              Instant.parse(fields.get("since"))));
    } catch (IOException | NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the process is still running: its pid is alive and started when the file says (to the
   * second: the start time the system reports is that coarse on some).
   */
  boolean alive() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(
            h ->
                h.info()
                    .startInstant()
                    .map(s -> Math.abs(ChronoUnit.MILLIS.between(s, processStart)) < 1000)
                    .orElse(true))
        .orElse(false);
  }

  /** For messages: {@code skillsite build (pid 4242, since 2026-12-05 09:41:25 UTC)}. */
  String describe() {
    return "skillsite " + command + " (pid " + pid + ", since " + CLOCK.format(since) + ")";
  }
}
