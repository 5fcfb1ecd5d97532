package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The composite action at the repository root ({@code action.yml}), run as a runner would on a
 * temporary skill repository: its {@code run:} steps in bash with their inputs, environment and
 * step outputs substituted, its {@code uses:} steps (set-up-java, cache, Pages upload, which need
 * GitHub) skipped. Maven is a stand-in that "packages" a jar running this build's classes, so the
 * test sees the action build the jar once, reuse it, check with annotations, build for the Pages
 * URL and leave the cache out of what it uploads.
 */
@Tag("process")
class GitHubActionTest {
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]+?)\\s*}}");
  private static final Pattern IF = Pattern.compile("inputs\\.([\\w-]+) == '([^']*)'");

  @TempDir static Path tmp;
  static Path action;
  static Path bin;
  static Map<String, Object> yaml;

  /** What one run of the action did. */
  record Run(
      int exitCode, String output, List<String> ran, Map<String, Map<String, String>> outputs) {}

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void setUp() throws IOException {
    action = tmp.resolve("action");
    Files.createDirectories(action);
    Files.copy(Path.of("action.yml"), action.resolve("action.yml"));
    Files.copy(Path.of("skillsite"), action.resolve("skillsite"));
    Files.copy(Path.of("pom.xml"), action.resolve("pom.xml"));
    action.resolve("skillsite").toFile().setExecutable(true);
    Path jar = tmp.resolve("classes.jar");
    pathingJar(jar);
    bin = tmp.resolve("bin");
    Files.createDirectories(bin);
    Path mvn = bin.resolve("mvn");
    Files.writeString(
        mvn,
        "#!/bin/sh\necho \"mvn $*\" >> \""
            + tmp.resolve("mvn.log")
            + "\"\n"
            + "while [ $# -gt 0 ]; do [ \"$1\" = -f ] && pom=$2; shift; done\n"
            + "mkdir -p \"$(dirname \"$pom\")/target\" && cp \""
            + jar
            + "\" \"$(dirname \"$pom\")/target/skillsite.jar\"\n",
        StandardCharsets.UTF_8);
    mvn.toFile().setExecutable(true);
    yaml =
        (Map<String, Object>)
            new Load(LoadSettings.builder().build())
                .loadFromString(
                    Files.readString(action.resolve("action.yml"), StandardCharsets.UTF_8));
  }

  /**
   * A jar that holds no class, only a manifest naming this test run's class path: {@code java -jar}
   * runs it.
   */
  private static void pathingJar(Path jar) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.skillsite.cli.Main");
    List<String> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
    }
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(os, m)) {
      // the manifest is the whole jar
    }
  }

  private static Path repo(String name, String skills) throws IOException {
    Path repo = tmp.resolve(name);
    write(
        repo.resolve("skills/pdf-tools/SKILL.md"),
        "---\nname: pdf-tools\ndescription: Fills PDF forms. Use when"
            + " the user asks to \"fill a PDF form\" or mentions AcroForm.\n---\n# PDF tools\n\nSee"
            + " [fields](references/fields.md).\n");
    write(
        repo.resolve("skills/pdf-tools/references/fields.md"),
        "# Fields\n\nText and check boxes.\n");
    write(
        repo.resolve("skills/csv-tables/SKILL.md"),
        "---\nname: csv-tables\ndescription: Formats CSV files as"
            + " Markdown tables. Use when the user asks to \"convert this CSV to a table\".\n---\n# CSV tables\n");
    if (!skills.isEmpty()) {
      write(repo.resolve(skills), "---\nname: broken\n---\n# No description\n");
    }
    return repo;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static Run run(Path repo, Map<String, String> with) throws Exception {
    Map<String, String> inputs = new HashMap<>();
    ((Map<String, Map<String, Object>>) yaml.get("inputs"))
        .forEach((k, v) -> inputs.put(k, String.valueOf(v.get("default"))));
    inputs.putAll(with);
    Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
    List<String> ran = new ArrayList<>();
    StringBuilder log = new StringBuilder();
    Path runnerTemp = Files.createTempDirectory(tmp, "runner");
    List<Map<String, Object>> steps =
        (List<Map<String, Object>>) ((Map<String, Object>) yaml.get("runs")).get("steps");
    assertEquals("composite", ((Map<String, Object>) yaml.get("runs")).get("using"));
    for (Map<String, Object> step : steps) {
      String name = String.valueOf(step.get("name"));
      if (step.containsKey("if") && !condition(String.valueOf(step.get("if")), inputs)) {
        continue;
      }
      if (step.containsKey("uses")) {
        ran.add("uses " + step.get("uses"));
        continue;
      }
      assertEquals("bash", step.get("shell"), name + ": composite run steps need a shell");
      Path out = Files.createTempFile(runnerTemp, "output", ".txt");
      Map<String, String> env = new HashMap<>();
      env.put("PATH", bin + ":" + System.getenv("PATH"));
      env.put("HOME", System.getProperty("user.home"));
      env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
      env.put("GITHUB_ACTION_PATH", action.toString());
      env.put("GITHUB_OUTPUT", out.toString());
      env.put("GITHUB_REPOSITORY", "octo/pdf-skills");
      env.put("RUNNER_TEMP", runnerTemp.toString());
      Object stepEnv = step.get("env");
      if (stepEnv instanceof Map<?, ?> m) {
        m.forEach(
            (k, v) ->
                env.put(
                    String.valueOf(k), substitute(String.valueOf(v), inputs, outputs, runnerTemp)));
      }
      Path script = Files.createTempFile(runnerTemp, "step", ".sh");
      Files.writeString(
          script,
          substitute(String.valueOf(step.get("run")), inputs, outputs, runnerTemp),
          StandardCharsets.UTF_8);
      ProcessBuilder pb =
          new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
              .directory(repo.toFile())
              .redirectErrorStream(true);
      pb.environment().clear();
      pb.environment().putAll(env);
      Process p = pb.start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(5, TimeUnit.MINUTES), name);
      log.append("## ").append(name).append('\n').append(text);
      ran.add(name);
      if (step.get("id") != null) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
          int eq = line.indexOf('=');
          if (eq > 0) {
            values.put(line.substring(0, eq), line.substring(eq + 1));
          }
        }
        outputs.put(String.valueOf(step.get("id")), values);
      }
      if (p.exitValue() != 0) {
        return new Run(p.exitValue(), log.toString(), ran, outputs);
      }
    }
    return new Run(0, log.toString(), ran, outputs);
  }

  private static boolean condition(String expression, Map<String, String> inputs) {
    Matcher m = IF.matcher(expression.strip());
    assertTrue(m.matches(), "the test knows only `inputs.x == 'v'` conditions: " + expression);
    return inputs.get(m.group(1)).equals(m.group(2));
  }

  private static String substitute(
      String text,
      Map<String, String> inputs,
      Map<String, Map<String, String>> outputs,
      Path runnerTemp) {
    Matcher m = EXPRESSION.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String value;
      if (e.startsWith("inputs.")) {
        value = inputs.get(e.substring("inputs.".length()));
      } else if (e.equals("github.action_path")) {
        value = action.toString();
      } else if (e.equals("runner.temp")) {
        value = runnerTemp.toString();
      } else if (e.startsWith("steps.")) {
        String[] parts = e.split("\\.");
        value = outputs.getOrDefault(parts[1], Map.of()).getOrDefault(parts[3], "");
      } else {
        throw new AssertionError("unknown expression in a run step: " + e);
      }
      assertTrue(value != null, "no such input: " + e);
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  @Test
  void buildsTheJarOnceChecksBuildsAndHandsTheSiteToPages() throws Exception {
    Path repo = repo("repo", "");
    Run first = run(repo, Map.of("content", "skills"));
    assertEquals(0, first.exitCode(), first.output());
    assertEquals(
        List.of(
            "uses actions/setup-java@v4",
            "Find the skillsite version",
            "uses actions/cache@v4",
            "Build the skillsite jar",
            "Check the skills",
            "Build the site",
            "Leave the build cache out of the published site",
            "uses actions/upload-pages-artifact@v3"),
        first.ran());
    assertEquals(
        List.of("mvn -B -q -DskipTests -f " + action.resolve("pom.xml") + " package"),
        Files.readAllLines(tmp.resolve("mvn.log")));
    assertTrue(
        first.outputs().get("version").get("key").matches("skillsite-jar-[0-9a-f]{20}"),
        first.outputs()::toString);
    assertEquals(
        "https://octo.github.io/pdf-skills/", first.outputs().get("build").get("base-url"));
    assertFalse(first.output().contains("::error"), first.output());
    Path site = Path.of(first.outputs().get("publishable").get("path"));
    assertTrue(Files.isRegularFile(site.resolve("skills/pdf-tools/index.html")));
    assertTrue(Files.isRegularFile(site.resolve(".nojekyll")));
    assertTrue(
        Files.readString(site.resolve(".well-known/agent-skills/index.json"))
            .contains("https://octo.github.io/pdf-skills/skills/pdf-tools/pdf-tools.tar.gz"));
    assertFalse(Files.exists(site.resolve(".skillsite-cache")), "the build cache is not published");
    assertTrue(
        Files.isDirectory(repo.resolve("site-output/.skillsite-cache")),
        "but kept for the next build");

    Run again = run(repo, Map.of("content", "skills", "base-url", "https://docs.example/skills/"));
    assertEquals(0, again.exitCode(), again.output());
    assertEquals(
        1, Files.readAllLines(tmp.resolve("mvn.log")).size(), "the jar is built once per version");
    assertTrue(again.output().contains("the jar for this version is cached"), again.output());
    assertEquals("https://docs.example/skills/", again.outputs().get("build").get("base-url"));
  }

  @Test
  void aBrokenSkillFailsTheCheckWithAnAnnotationUnlessTheCheckIsOff() throws Exception {
    Path repo = repo("broken-repo", "skills/broken/SKILL.md");
    Run failed = run(repo, Map.of("content", "skills", "upload-pages", "false"));
    assertNotEquals(0, failed.exitCode());
    assertEquals("Check the skills", failed.ran().get(failed.ran().size() - 1));
    assertTrue(
        failed.output().contains("::error file=skills/broken/SKILL.md,line="), failed.output());

    Run unchecked =
        run(repo, Map.of("content", "skills", "upload-pages", "false", "check", "false"));
    assertFalse(unchecked.ran().contains("Check the skills"));
    assertFalse(unchecked.ran().contains("uses actions/upload-pages-artifact@v3"));
  }
}
