package dev.skillsite.model;

import java.util.Objects;

/**
 * A place in the content tree. {@code path} is relative to the content root with {@code /}
 * separators; {@code line} and {@code col} count from 1.
 */
public record SourcePos(String path, int line, int col) {
  public SourcePos {
    Objects.requireNonNull(path, "path");
    if (line < 1 || col < 1) {
      throw new IllegalArgumentException("line and col count from 1: " + line + ":" + col);
    }
  }

  public static SourcePos of(String path) {
    return new SourcePos(path, 1, 1);
  }

  @Override
  public String toString() {
    return path + ":" + line + ":" + col;
  }
}
