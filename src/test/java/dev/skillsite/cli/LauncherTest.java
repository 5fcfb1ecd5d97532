package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./skillsite} launcher, copied beside a stand-in jar and run with a stand-in {@code
 * java} that prints the locale and arguments it was given.
 */
@Tag("process")
class LauncherTest {
  @TempDir Path tmp;
  private Path java;

  @BeforeEach
  void launcherBesideAStandInJar() throws Exception {
    Files.createDirectories(tmp.resolve("app/target"));
    Files.copy(Path.of("skillsite"), tmp.resolve("app/skillsite"));
    Files.writeString(tmp.resolve("app/target/skillsite.jar"), "");
    java = tmp.resolve("java");
    Files.writeString(
        java,
        "#!/bin/sh\necho \"LC_ALL=${LC_ALL:-}\"\nfor a in \"$@\"; do echo \"$a\"; done\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /**
   * Java 17 reads file names in the locale's character set: without a UTF-8 locale, the JVM gets
   * C.UTF-8.
   */
  @Test
  void runsTheJvmInAUtf8LocaleWhenTheCallersIsNot() throws Exception {
    Path launcher = tmp.resolve("app/skillsite");
    assertEquals(
        "LC_ALL=C.UTF-8", launch(launcher, Map.of("LANG", "C")).lines().findFirst().orElseThrow());
    assertEquals("LC_ALL=C.UTF-8", launch(launcher, Map.of()).lines().findFirst().orElseThrow());
    assertEquals(
        "LC_ALL=C.UTF-8",
        launch(launcher, Map.of("LANG", "en_US.UTF-8", "LC_ALL", "POSIX"))
            .lines()
            .findFirst()
            .orElseThrow());
    // a UTF-8 locale is left as it is
    assertEquals(
        "LC_ALL=",
        launch(launcher, Map.of("LANG", "de_DE.UTF-8")).lines().findFirst().orElseThrow());
    assertEquals(
        "LC_ALL=",
        launch(launcher, Map.of("LC_CTYPE", "C.utf8")).lines().findFirst().orElseThrow());
    assertEquals(
        "LC_ALL=tr_TR.UTF-8",
        launch(launcher, Map.of("LC_ALL", "tr_TR.UTF-8")).lines().findFirst().orElseThrow());
  }

  /**
   * The serial collector unless the caller picks one (two collectors stop the JVM before it
   * starts); the caller's options come last, so that they win.
   */
  @Test
  void runsTheSerialCollectorUnlessTheCallerChoosesOne() throws Exception {
    Path launcher = tmp.resolve("app/skillsite");
    List<String> plain = launch(launcher, Map.of("LANG", "C.UTF-8")).lines().toList();
    assertTrue(plain.containsAll(List.of("-XX:+UseSerialGC", "-XX:NewRatio=6")), plain.toString());

    List<String> capped =
        launch(launcher, Map.of("LANG", "C.UTF-8", "SKILLSITE_JAVA_OPTS", "-Xmx1g -XX:NewRatio=3"))
            .lines()
            .toList();
    assertTrue(capped.contains("-XX:+UseSerialGC"), capped.toString());
    assertTrue(
        capped.lastIndexOf("-XX:NewRatio=3") > capped.indexOf("-XX:NewRatio=6"), capped.toString());
    // options that merely mention "Use" and "GC" choose no collector
    List<String> other =
        launch(
                launcher,
                Map.of(
                    "LANG",
                    "C.UTF-8",
                    "SKILLSITE_JAVA_OPTS",
                    "-XX:+UseCompressedOops -XX:+PrintGC"))
            .lines()
            .toList();
    assertTrue(other.contains("-XX:+UseSerialGC"), other.toString());

    for (Map<String, String> chosen :
        List.of(
            Map.of("SKILLSITE_JAVA_OPTS", "-Xmx2g -XX:+UseG1GC"),
            Map.of("SKILLSITE_JAVA_OPTS", "-XX:+UseParallelGC"),
            Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseZGC"))) {
      Map<String, String> env = new HashMap<>(chosen);
      env.put("LANG", "C.UTF-8");
      List<String> args = launch(launcher, env).lines().toList();
      assertTrue(
          args.stream()
              .noneMatch(a -> a.equals("-XX:+UseSerialGC") || a.startsWith("-XX:NewRatio")),
          chosen + " -> " + args);
    }
  }

  /**
   * The quick JIT only (C1) for a build at any size by default; the optimizing compiler too when
   * --content holds SKILLSITE_C2_SKILLS SKILL.md files or more (made small here), and always for
   * serve and build --watch.
   */
  @Test
  void capsTheJitUnlessAskedForC2AtASize() throws Exception {
    Path launcher = tmp.resolve("app/skillsite");
    Path content = tmp.resolve("registry");
    for (int i = 0; i < 3; i++) {
      Files.createDirectories(content.resolve("s" + i));
      Files.writeString(content.resolve("s" + i + "/SKILL.md"), "---\nname: s" + i + "\n---\n");
    }
    String c1 = "-XX:TieredStopAtLevel=1";
    Map<String, String> env = Map.of("LANG", "C.UTF-8", "SKILLSITE_C2_SKILLS", "3");
    Map<String, String> four = Map.of("LANG", "C.UTF-8", "SKILLSITE_C2_SKILLS", "4");
    assertFalse(launch(launcher, env, "build", "--content", content.toString()).contains(c1));
    assertFalse(launch(launcher, env, "check", "--content=" + content).contains(c1));
    assertTrue(launch(launcher, four, "build", "--content", content.toString()).contains(c1));
    assertTrue(
        launch(launcher, env, "build", "--content", tmp.resolve("none").toString()).contains(c1));
    assertFalse(launch(launcher, four, "serve", "--content", content.toString()).contains(c1));
    assertFalse( // a resident builder: patches for hours
        launch(launcher, four, "build", "--watch", "--content", content.toString()).contains(c1));
    // by default, C1 at any size
    assertTrue(
        launch(launcher, Map.of("LANG", "C.UTF-8"), "build", "--content", content.toString())
            .contains(c1));
  }

  /**
   * A resident builder (build --watch, serve --watch) gets a young generation of a seventh of the
   * heap's limit, which the launcher asks of the JVM with the caller's options, and a first heap of
   * twice that; not when the caller sizes either, picks a collector, or the JVM does not answer,
   * and never for a one-shot command.
   */
  @Test
  void holdsAResidentBuildersYoungGenerationAtASeventhOfTheHeap() throws Exception {
    Path launcher = tmp.resolve("app/skillsite");
    // a stand-in that answers -XX:+PrintFlagsFinal as a JVM would, from the -Xmx it was given
    Files.writeString(
        java,
        "#!/bin/sh\n"
            + "case \" $* \" in *\" -XX:+PrintFlagsFinal \"*)\n"
            + "  case \" $* \" in *\" -Xmx700m \"*) max=734003200 ;; *) max=2147483648 ;; esac\n"
            + "  echo \"     bool PrintFlagsFinal    = true    {product} {command line}\"\n"
            + "  echo \"   size_t MaxHeapSize        = $max    {product} {ergonomic}\"\n"
            + "  exit 0 ;;\n"
            + "esac\n"
            + "for a in \"$@\"; do echo \"$a\"; done\n",
        StandardCharsets.UTF_8);
    Map<String, String> plain = Map.of("LANG", "C.UTF-8");
    for (String command : List.of("build", "serve")) {
      List<String> args = launch(launcher, plain, command, "--watch").lines().toList();
      assertTrue(args.containsAll(List.of("-Xmn292m", "-Xms584m")), args.toString());
    }
    List<String> capped =
        launch(
                launcher,
                Map.of("LANG", "C.UTF-8", "SKILLSITE_JAVA_OPTS", "-Xmx700m"),
                "serve",
                "--watch")
            .lines()
            .toList();
    assertTrue(capped.containsAll(List.of("-Xmn100m", "-Xms200m")), capped.toString());
    for (String[] oneShot : List.of(new String[] {"build"}, new String[] {"serve"})) {
      assertTrue(
          launch(launcher, plain, oneShot).lines().noneMatch(a -> a.matches("-Xm[ns].*")),
          List.of(oneShot).toString());
    }
    for (String sized :
        List.of(
            "-Xmn512m", "-XX:NewSize=64m", "-XX:MaxNewSize=1g", "-XX:NewRatio=2", "-XX:+UseG1GC")) {
      List<String> args =
          launch(
                  launcher,
                  Map.of("LANG", "C.UTF-8", "SKILLSITE_JAVA_OPTS", sized),
                  "build",
                  "--watch")
              .lines()
              .toList();
      assertTrue(
          args.stream().filter(a -> a.startsWith("-Xmn")).count()
              <= (sized.startsWith("-Xmn") ? 1 : 0),
          sized + " -> " + args);
    }
    // a JVM that does not answer: no size of the launcher's
    Files.writeString(
        java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n", StandardCharsets.UTF_8);
    assertTrue(
        launch(launcher, plain, "build", "--watch").lines().noneMatch(a -> a.startsWith("-Xmn")));
  }

  /**
   * Linked from a bin folder (by a relative link, through another link), it still finds its jar.
   */
  @Test
  void findsItsJarWhenRunThroughSymlinks() throws Exception {
    Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("app/skillsite"));
    Files.createSymbolicLink(tmp.resolve("bin/skillsite"), Path.of("../link"));
    String out = launch(tmp.resolve("bin/skillsite"), Map.of("LANG", "C.UTF-8"));
    assertTrue(out.contains(tmp.resolve("app/target/skillsite.jar").toRealPath().toString()), out);
  }

  /** Without $JAVA, the JVM of $JAVA_HOME, as other Java tools choose it. */
  @Test
  void runsTheJavaOfJavaHome() throws Exception {
    Path home = tmp.resolve("jdk");
    Files.createDirectories(home.resolve("bin"));
    Files.copy(java, home.resolve("bin/java"));
    Files.setPosixFilePermissions(
        home.resolve("bin/java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb = new ProcessBuilder(tmp.resolve("app/skillsite").toString(), "--version");
    pb.environment().remove("JAVA");
    pb.environment().put("JAVA_HOME", home.toString());
    pb.environment()
        .put(
            "PATH",
            "/usr/bin:/bin"); // a java there would print a version, not our stand-in's lines
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertTrue(out.contains("--version") && out.contains("-jar"), out);

    pb.environment().put("JAVA_HOME", tmp.resolve("no-jdk").toString());
    Process wrong = pb.start();
    String said = new String(wrong.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(wrong.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, wrong.exitValue(), said);
    assertTrue(
        said.contains("JAVA_HOME is " + tmp.resolve("no-jdk") + ", which has no bin/java"), said);
  }

  /**
   * A patch build ({@code build --changed}) runs on the JDK a package-time AOT cache was trained by
   * ({@code target/aot-java}, {@code target/skillsite-build.aot}) with that cache instead of the
   * class archive; not for other commands, not under {@code SKILLSITE_AOT=0}, not when {@code
   * $JAVA} names a JVM, not without the cache. {@code $JAVA_HOME} (often set to the JDK that runs
   * Maven) does not overrule it.
   */
  @Test
  void runsBuildOnTheAotCachesJdkWhenOneWasTrained() throws Exception {
    Path target = tmp.resolve("app/target");
    Files.writeString(target.resolve("skillsite.jsa"), "");
    Files.writeString(target.resolve("skillsite-build.jsa"), "");
    Path aotJava = tmp.resolve("jdk25/bin/java");
    Files.createDirectories(aotJava.getParent());
    Files.writeString(aotJava, "#!/bin/sh\necho AOT-JDK\nfor a in \"$@\"; do echo \"$a\"; done\n");
    Files.setPosixFilePermissions(aotJava, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(target.resolve("aot-java"), aotJava);
    Path home = tmp.resolve("jdk17");
    Files.createDirectories(home.resolve("bin"));
    Files.copy(java, home.resolve("bin/java"));
    Files.setPosixFilePermissions(
        home.resolve("bin/java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    String cache = "-XX:AOTCache=" + target.toRealPath().resolve("skillsite-build.aot");
    String buildJsa = "-XX:SharedArchiveFile=" + target.toRealPath().resolve("skillsite-build.jsa");
    Map<String, String> jdk17 = Map.of("LANG", "C.UTF-8", "JAVA_HOME", home.toString());

    // no cache yet: the class archive, on $JAVA_HOME's JVM
    List<String> args = launchedWithoutJava(jdk17, "build", "--changed", "x").lines().toList();
    assertTrue(args.contains(buildJsa) && !args.contains("AOT-JDK"), args.toString());

    Files.writeString(target.resolve("skillsite-build.aot"), "");
    args = launchedWithoutJava(jdk17, "build", "--changed", "x").lines().toList();
    assertEquals("AOT-JDK", args.get(0), args.toString());
    assertTrue(args.contains(cache), args.toString());
    assertTrue(args.contains("--sun-misc-unsafe-memory-access=allow"), args.toString());
    // as the cache was trained (pom, profile aot): Lucene on byte buffers, native reflection
    assertTrue(
        args.contains("-Dorg.apache.lucene.store.MMapDirectory.enableMemorySegments=false")
            && args.contains("-Djdk.reflect.useNativeAccessorOnly=true"),
        args.toString());
    assertTrue(args.contains("-XX:TieredStopAtLevel=1"), args.toString());
    assertFalse(
        args.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile")), args.toString());

    // other commands, the knob, $JAVA: the class archive, no cache
    for (List<String> run :
        List.of(
            launchedWithoutJava(jdk17, "check").lines().toList(),
            launchedWithoutJava(jdk17, "build", "--watch", "--changed", "x").lines().toList(),
            launchedWithoutJava(jdk17, "build", "--content", "c").lines().toList(), // whole
            launchedWithoutJava(
                    Map.of("LANG", "C.UTF-8", "JAVA_HOME", home.toString(), "SKILLSITE_AOT", "0"),
                    "build",
                    "--changed-from",
                    "x")
                .lines()
                .toList(),
            launch(tmp.resolve("app/skillsite"), Map.of("LANG", "C.UTF-8"), "build", "--changed=x")
                .lines()
                .toList())) {
      assertFalse(
          run.contains("AOT-JDK")
              || run.contains(cache)
              || run.contains("-Djdk.reflect.useNativeAccessorOnly=true"),
          run.toString());
      assertTrue(
          run.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=")), run.toString());
    }
  }

  /** The launcher run without {@code $JAVA}, with {@code env}. */
  private String launchedWithoutJava(Map<String, String> env, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(List.of(tmp.resolve("app/skillsite").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    pb.environment()
        .keySet()
        .removeIf(
            k ->
                k.startsWith("LC_")
                    || k.startsWith("SKILLSITE_")
                    || k.equals("LANG")
                    || k.equals("JAVA")
                    || k.equals("JAVA_HOME")
                    || k.equals("JAVA_TOOL_OPTIONS"));
    pb.environment().putAll(env);
    pb.environment().put("PATH", "/usr/bin:/bin");
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  private String launch(Path launcher, Map<String, String> env) throws Exception {
    return launch(launcher, env, "--version");
  }

  private String launch(Path launcher, Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    pb.environment()
        .keySet()
        .removeIf(
            k ->
                k.startsWith("LC_")
                    || k.equals("LANG")
                    || k.equals("SKILLSITE_JAVA_OPTS")
                    || k.equals("SKILLSITE_C2_SKILLS")
                    || k.equals("JAVA_TOOL_OPTIONS"));
    pb.environment().putAll(env);
    pb.environment().put("JAVA", java.toString());
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
