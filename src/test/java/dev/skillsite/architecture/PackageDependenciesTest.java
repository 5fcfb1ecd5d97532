package dev.skillsite.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each top-level package says in its {@code package-info.java} which other skillsite packages it
 * may import ("May import: …"); this holds the main sources to it, so that a dependency pointing
 * the wrong way fails here and not in a review. Sub-packages ({@code routing.eval}, {@code
 * site.view}) count as their parent.
 */
class PackageDependenciesTest {
  private static final Path MAIN = Path.of("src/main/java/dev/skillsite");
  private static final Pattern IMPORT =
      Pattern.compile("(?m)^import (?:static )?dev\\.skillsite\\.([a-z]+)[.;]");
  private static final Pattern MAY_IMPORT =
      Pattern.compile("<p>May import: (.*?)\\.\\s*\\*/", Pattern.DOTALL);
  private static final Pattern CODE = Pattern.compile("\\{@code\\s+([a-z]+)}");

  @Test
  void everyPackageSaysWhatItHoldsAndWhatItMayImport() throws IOException {
    for (String pkg : packages()) {
      Path info = MAIN.resolve(pkg).resolve("package-info.java");
      assertTrue(Files.isRegularFile(info), pkg + " has no package-info.java");
      assertTrue(
          MAY_IMPORT.matcher(javadocText(info)).find(), info + " does not say what it may import");
    }
  }

  @Test
  void importsFollowTheDeclaredDirections() throws IOException {
    Map<String, Set<String>> allowed = new TreeMap<>();
    for (String pkg : packages()) {
      allowed.put(pkg, declared(MAIN.resolve(pkg).resolve("package-info.java")));
    }
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String pkg = MAIN.relativize(file).getName(0).toString();
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          String target = m.group(1);
          if (!target.equals(pkg) && !allowed.getOrDefault(pkg, Set.of()).contains(target)) {
            violations.add(MAIN.relativize(file) + " imports " + target);
          }
        }
      }
    }
    assertEquals(List.of(), violations.stream().distinct().collect(Collectors.toList()));
  }

  @Test
  void theDeclaredDirectionsHaveNoCycle() throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (String pkg : packages()) {
      graph.put(pkg, declared(MAIN.resolve(pkg).resolve("package-info.java")));
    }
    for (String start : graph.keySet()) {
      assertTrue(
          !reaches(graph, start, start, new TreeSet<>()),
          start + " can reach itself through its imports");
    }
  }

  private static boolean reaches(
      Map<String, Set<String>> graph, String from, String goal, Set<String> seen) {
    for (String next : graph.getOrDefault(from, Set.of())) {
      if (next.equals(goal) || (seen.add(next) && reaches(graph, next, goal, seen))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> packages() throws IOException {
    try (Stream<Path> dirs = Files.list(MAIN)) {
      return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
    }
  }

  private static Set<String> declared(Path info) throws IOException {
    Matcher m = MAY_IMPORT.matcher(javadocText(info));
    Set<String> out = new TreeSet<>();
    if (m.find()) {
      Matcher c = CODE.matcher(m.group(1));
      while (c.find()) {
        out.add(c.group(1));
      }
    }
    return out;
  }

  /**
   * The text of a package-info, its javadoc lines joined (a formatter may break a line inside
   * {@code …}).
   */
  private static String javadocText(Path info) throws IOException {
    return Files.readString(info).replaceAll("\\s*\\n\\s*\\*(?!/)\\s*", " ");
  }
}
