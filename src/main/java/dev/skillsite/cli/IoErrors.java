package dev.skillsite.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One readable line for an I/O failure: Java's messages are often just a path. */
final class IoErrors {
  private IoErrors() {}

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
