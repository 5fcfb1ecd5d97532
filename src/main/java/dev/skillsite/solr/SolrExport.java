package dev.skillsite.solr;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.skillsite.model.Skill;
import dev.skillsite.routing.Confidence;
import dev.skillsite.routing.SolrDocuments;
import dev.skillsite.routing.SolrSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * {@code export --solr DIR}: what a registry needs to serve routing from a SolrCloud collection.
 *
 * <pre>
 *   DIR/configset/schema.xml, solrconfig.xml   the collection's configset (upload to ZooKeeper)
 *   DIR/lib/skillsite-solr-plugin.jar          skillsite's analysis chains, for every Solr node's lib folder
 *   DIR/docs/skills-00001.json …               the skill documents, {@value #PER_FILE} to a file, JSON arrays for /update
 *   DIR/README.txt                             the commands
 * </pre>
 *
 * Written into a fresh folder beside DIR and moved into place: an existing DIR is replaced only
 * when it is an earlier export (it has {@code configset/schema.xml}), else left alone with an
 * error.
 */
public final class SolrExport {
  static final int PER_FILE = 1000;
  static final String CONFIGSET = "dev/skillsite/solr/configset/";
  static final String PLUGIN_CLASSES = "dev/skillsite/solr/plugin-classes.txt";
  static final String PLUGIN_JAR = "skillsite-solr-plugin.jar";

  private SolrExport() {}

  /**
   * Writes the export of {@code skills} (triggers extracted, in collection order) to {@code dir}.
   */
  public static void write(List<Skill> skills, Path dir) throws IOException {
    write(skills, Confidence.DEFAULT, dir);
  }

  /**
   * As {@link #write(List, Path)}, for a collection with its own threshold: a threshold other than
   * the default is kept in the configset's {@code configoverlay.json} as the user property {@value
   * SolrSource#THRESHOLD_PROPERTY}, where {@code route --solr} reads it.
   */
  public static void write(List<Skill> skills, Confidence confidence, Path dir) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    if (Files.exists(target) && !Files.isRegularFile(target.resolve("configset/schema.xml"))) {
      try (Stream<Path> s = Files.list(target)) {
        if (s.findAny().isPresent()) {
          throw new IOException(
              target
                  + ": exists and is not an earlier export (no configset/schema.xml): "
                  + "give an empty or new folder");
        }
      }
    }
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".export-");
    try {
      writeConfigset(staging.resolve("configset"));
      if (confidence.threshold() != Confidence.DEFAULT.threshold()) {
        writeThreshold(staging.resolve("configset"), confidence.threshold());
      }
      writePlugin(staging.resolve("lib").resolve(PLUGIN_JAR));
      writeDocs(skills, staging.resolve("docs"));
      Files.writeString(
          staging.resolve("README.txt"), readme(skills.size()), StandardCharsets.UTF_8);
      if (Files.exists(target)) {
        deleteTree(target);
      }
      try {
        Files.setPosixFilePermissions(
            staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: its default permissions stand
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteTree(staging);
      throw e;
    }
  }

  /** The configset files alone (for a test's cluster). */
  public static void writeConfigset(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String f : List.of("schema.xml", "solrconfig.xml")) {
      try (InputStream in = resource(CONFIGSET + f)) {
        Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /**
   * A {@code configoverlay.json} in {@code configset} keeping {@code threshold} as the user
   * property {@value SolrSource#THRESHOLD_PROPERTY}.
   */
  public static void writeThreshold(Path configset, double threshold) throws IOException {
    JsonObject props = new JsonObject();
    props.addProperty(SolrSource.THRESHOLD_PROPERTY, Double.toString(threshold));
    JsonObject overlay = new JsonObject();
    overlay.add("userProps", props);
    Files.writeString(
        configset.resolve("configoverlay.json"), overlay + "\n", StandardCharsets.UTF_8);
  }

  /**
   * The plugin jar, packed from the classes skillsite runs with (the same bytes as the Maven
   * build's).
   */
  static void writePlugin(Path jar) throws IOException {
    Files.createDirectories(jar.getParent());
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, m)) {
      for (String c : pluginClasses()) {
        JarEntry e = new JarEntry(c);
        e.setTime(0);
        j.putNextEntry(e);
        try (InputStream in = resource(c)) {
          in.transferTo(j);
        }
        j.closeEntry();
      }
    }
  }

  /** The class files the plugin jar holds. */
  static List<String> pluginClasses() throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(resource(PLUGIN_CLASSES), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.strip());
        }
      }
    }
    return out;
  }

  private static void writeDocs(List<Skill> skills, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (int from = 0, file = 1; from < skills.size(); from += PER_FILE, file++) {
      JsonArray a = new JsonArray();
      for (int i = from; i < Math.min(skills.size(), from + PER_FILE); i++) {
        a.add(SolrDocuments.of(skills.get(i), i));
      }
      Files.writeString(
          dir.resolve(String.format(Locale.ROOT, "skills-%05d.json", file)),
          a.toString(),
          StandardCharsets.UTF_8);
    }
  }

  private static String readme(int skills) {
    return """
        skillsite export for SolrCloud: %d skills.

        1. Copy lib/%s into the lib folder of every Solr node (SOLR_HOME/lib, or a folder
           named by solr.sharedLib) and restart the nodes.
        2. Upload the configset and create the collection (2 shards, 2 replicas, for example):
             bin/solr zk upconfig -n skillsite -d configset -z ZK_HOST
             bin/solr create -c skills -n skillsite -s 2 -rf 2
        3. Index the documents and commit:
             for f in docs/*.json; do curl -s -H 'Content-Type: application/json' \\
               --data-binary @"$f" 'http://SOLR:8983/solr/skills/update'; done
             curl 'http://SOLR:8983/solr/skills/update?commit=true'
        4. Route:  skillsite route --solr http://SOLR:8983/solr --collection skills "what the user typed"

        The collection's own routing.threshold (skillsite.yaml), if it sets one, is kept in
        configset/configoverlay.json as the user property %s; route --solr reads it (and
        --threshold overrides it). To change it on a running collection:
             curl 'http://SOLR:8983/solr/skills/config' -H 'Content-Type: application/json' \
               -d '{"set-user-property": {"%s": "0.4"}}'
        """
        .formatted(
            skills, PLUGIN_JAR, SolrSource.THRESHOLD_PROPERTY, SolrSource.THRESHOLD_PROPERTY);
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = SolrExport.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException("missing resource " + name + " in skillsite's classes");
    }
    return in;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              x -> {
                try {
                  Files.delete(x);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
