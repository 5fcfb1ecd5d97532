package dev.skillsite.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Small talk and bare follow-ups a user sends an agent mid-conversation ({@code
 * src/test/resources/eval/ small-talk.txt}, our own list): no skill should fire on any of them, in
 * any collection.
 */
public final class SmallTalk {
  private SmallTalk() {}

  public static List<String> messages() {
    try {
      return Files.readAllLines(
              Path.of("src/test/resources/eval/small-talk.txt"), StandardCharsets.UTF_8)
          .stream()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
