package dev.skillsite.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One readable line for an I/O failure: Java's messages are often just a path. */
final class IoErrors {
  private IoErrors() {}

  /**
   * Prints {@code skillsite COMMAND: reason} for a command whose input failed, and gives exit code
   * 2.
   */
  static int fail(PrintWriter err, String command, Exception e) {
    String reason =
        e instanceof IOException io
            ? describe(io)
            : e instanceof UncheckedIOException u ? describe(u.getCause()) : e.getMessage();
    err.println("skillsite " + command + ": " + reason);
    return 2;
  }

  static String describe(IOException e) {
    if (e instanceof FileSystemException f) {
      String what = f.getFile() == null ? "" : f.getFile();
      String reason = f.getReason();
      if (f instanceof NoSuchFileException) {
        return what + ": " + (reason == null ? "no such file or folder" : reason);
      }
      if (f instanceof AccessDeniedException) {
        return what + ": permission denied";
      }
      if (f instanceof NotDirectoryException) {
        return what + ": not a folder";
      }
      if (f instanceof FileAlreadyExistsException) {
        return what + ": already exists";
      }
      return what + ": " + (reason == null ? f.getClass().getSimpleName() : reason);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
