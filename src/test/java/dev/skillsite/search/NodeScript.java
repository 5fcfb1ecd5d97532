package dev.skillsite.search;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test helper script of {@code src/test/resources/search/} with node, JSON in and JSON out.
 */
final class NodeScript {
  static final Path ENGINE = Path.of("templates/assets/search-engine.js").toAbsolutePath();
  private static final Gson GSON = new Gson();

  private NodeScript() {}

  /** {@code node SCRIPT ENGINE ARGS... INPUT.json}: the parsed standard output. */
  static JsonElement run(String script, Object input, String... args)
      throws IOException, InterruptedException {
    Path in = Files.createTempFile("node-input", ".json");
    Path out = Files.createTempFile("node-output", ".json");
    try {
      Files.writeString(in, GSON.toJson(input), StandardCharsets.UTF_8);
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  "node",
                  Path.of("src/test/resources/search", script).toString(),
                  ENGINE.toString()));
      cmd.addAll(List.of(args));
      cmd.add(in.toString());
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("node " + script + " failed");
      }
      return GSON.fromJson(Files.readString(out, StandardCharsets.UTF_8), JsonElement.class);
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(out);
    }
  }
}
