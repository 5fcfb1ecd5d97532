package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void runningOutOfHeapOnAWorkerThreadSaysHowToGiveTheJvmMore() {
    StringWriter text = new StringWriter();
    // a build stage's worker runs out of heap: it reaches the handler wrapped
    int code =
        Main.failure(
            new CompletionException(new OutOfMemoryError("Java heap space")),
            new PrintWriter(text));
    assertEquals(2, code);
    String message = text.toString();
    assertTrue(message.startsWith("skillsite: out of memory (Java heap space)"), message);
    assertTrue(message.contains("SKILLSITE_JAVA_OPTS=-Xmx"), message);
    assertFalse(message.contains("\tat "), "no stack trace: " + message);
  }

  @Test
  void anOutOfMemoryErrorWithoutMessageReadsCleanly() {
    StringWriter text = new StringWriter();
    assertEquals(2, Main.failure(new OutOfMemoryError(), new PrintWriter(text)));
    String message = text.toString();
    assertTrue(
        message.startsWith("skillsite: out of memory; the previous output is untouched."), message);
  }

  @Test
  void otherFailuresPrintTheirMessage() {
    StringWriter text = new StringWriter();
    int code =
        Main.failure(
            new UncheckedIOException("disk full", new java.io.IOException("disk full")),
            new PrintWriter(text));
    assertEquals(2, code);
    assertEquals("skillsite: disk full" + System.lineSeparator(), text.toString());
  }
}
