package dev.skillsite.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code src/test/resources/routing/spec.md}, read as {@code spec-node.js} reads it: sections of a
 * collection ({@code skills} block, {@code === PATH} starting each file) and examples ({@code
 * example} block: the request, a line holding only {@code .}, the answer). Lines count from 1.
 */
record RoutingSpec(Path file, List<String> lines, List<Section> sections) {
  static final String FENCE = "````````````````````````````````";

  /** One collection and its examples. */
  record Section(String title, Map<String, String> files, List<Example> examples) {}

  /**
   * One request and its expected answer.
   *
   * @param line the line of the example's opening fence
   * @param answerFrom index in {@code lines} of the answer's first line
   * @param answerTo index in {@code lines} of the closing fence
   */
  record Example(int line, String request, List<String> answer, int answerFrom, int answerTo) {}

  static RoutingSpec read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Section> sections = new ArrayList<>();
    String title = null;
    Map<String, String> files = new LinkedHashMap<>();
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("## ")) {
        if (title != null) {
          sections.add(new Section(title, files, examples));
        }
        title = line.substring(3).strip();
        files = new LinkedHashMap<>();
        examples = new ArrayList<>();
      } else if (line.equals(FENCE + " skills")) {
        int end = close(lines, i);
        String path = null;
        StringBuilder text = new StringBuilder();
        for (String l : lines.subList(i + 1, end)) {
          if (l.startsWith("=== ")) {
            if (path != null) {
              files.put(path, text.toString());
            }
            path = l.substring(4).strip();
            text.setLength(0);
          } else {
            text.append(l).append('\n');
          }
        }
        if (path != null) {
          files.put(path, text.toString());
        }
        i = end;
      } else if (line.equals(FENCE + " example")) {
        int end = close(lines, i);
        int dot = lines.subList(i + 1, end).indexOf(".");
        if (dot < 0) {
          throw new IOException(file + ":" + (i + 1) + ": example without a '.' line");
        }
        String request = String.join("\n", lines.subList(i + 1, i + 1 + dot));
        examples.add(
            new Example(
                i + 1, request, List.copyOf(lines.subList(i + 2 + dot, end)), i + 2 + dot, end));
        i = end;
      }
    }
    if (title != null) {
      sections.add(new Section(title, files, examples));
    }
    return new RoutingSpec(file, lines, sections);
  }

  private static int close(List<String> lines, int open) throws IOException {
    for (int j = open + 1; j < lines.size(); j++) {
      if (lines.get(j).equals(FENCE)) {
        return j;
      }
    }
    throw new IOException("unclosed block at line " + (open + 1));
  }

  /**
   * The spec with each example's answer replaced by {@code answers} (in example order over all
   * sections).
   */
  String withAnswers(List<List<String>> answers) {
    List<Example> all = sections.stream().flatMap(s -> s.examples().stream()).toList();
    List<String> out = new ArrayList<>(lines);
    for (int k = all.size() - 1; k >= 0; k--) {
      Example e = all.get(k);
      out.subList(e.answerFrom(), e.answerTo()).clear();
      out.addAll(e.answerFrom(), answers.get(k));
    }
    return String.join("\n", out) + "\n";
  }

  /** A confidence as its band of 0.1: {@code 0.9} for 0.90 to 0.99…, {@code 1.0} for 1. */
  static String band(double confidence) {
    return String.valueOf(Math.floor(confidence * 10) / 10);
  }
}
