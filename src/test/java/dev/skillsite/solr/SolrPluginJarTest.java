package dev.skillsite.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.routing.Analysis;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin jar a Solr node loads: the Maven build's and the one export --solr writes hold the
 * same classes, and those alone (with Lucene, as on a Solr node) analyze text as skillsite does.
 */
class SolrPluginJarTest {
  static final Path MAVEN_JAR =
      Path.of(System.getProperty("skillsite.buildDir", "target"), "skillsite-solr-plugin.jar");
  static final String TEXT =
      "Use when a GenServer's handle_call blocks; background jobs with Oban (Not for Sidekiq) 测试";

  @Test
  void mavenJarAndExportedJarHoldTheListedClasses(@TempDir Path dir) throws IOException {
    Path exported = dir.resolve("plugin.jar");
    SolrExport.writePlugin(exported);
    Set<String> listed = new TreeSet<>(SolrExport.pluginClasses());
    assertEquals(listed, classes(exported));
    if (Files.isRegularFile(MAVEN_JAR)) {
      assertEquals(listed, classes(MAVEN_JAR), "pom.xml's includes and plugin-classes.txt differ");
    }
  }

  @Test
  void analyzersLoadedFromTheJarAloneAnalyzeAsSkillsiteDoes(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("plugin.jar");
    SolrExport.writePlugin(jar);
    URL[] urls = {
      jar.toUri().toURL(), codeSource(Analyzer.class), codeSource(WordDelimiterGraphFilter.class)
    };
    try (URLClassLoader alone = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      for (String[] c :
          new String[][] {
            {"StemmedAnalyzer", "stemmed"},
            {"LightAnalyzer", "light"},
            {"ShingleAnalyzer", "shingled"}
          }) {
        Class<?> k = alone.loadClass("dev.skillsite.solr.plugin." + c[0]);
        assertTrue(k.getClassLoader() == alone, "loaded from the jar");
        Object fromJar = k.getConstructor().newInstance();
        try (Analyzer here = (Analyzer) Analysis.class.getMethod(c[1]).invoke(null)) {
          List<String> expected = tokens(here);
          assertTrue(expected.size() > 5, c[0] + " " + expected);
          assertEquals(expected, tokensVia(fromJar), c[0]);
        }
      }
    }
  }

  private static URL codeSource(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation();
  }

  /**
   * Tokens of an analyzer from another class loader (its TokenStream API is the same Lucene's only
   * by name).
   */
  private static List<String> tokensVia(Object a) throws Exception {
    Object ts =
        a.getClass().getMethod("tokenStream", String.class, String.class).invoke(a, "f", TEXT);
    Class<?> attr = ts.getClass().getClassLoader().loadClass(CharTermAttribute.class.getName());
    Object term = ts.getClass().getMethod("addAttribute", Class.class).invoke(ts, attr);
    List<String> out = new ArrayList<>();
    ts.getClass().getMethod("reset").invoke(ts);
    while ((Boolean) ts.getClass().getMethod("incrementToken").invoke(ts)) {
      out.add(term.toString());
    }
    ts.getClass().getMethod("end").invoke(ts);
    ts.getClass().getMethod("close").invoke(ts);
    return out;
  }

  private static List<String> tokens(Analyzer a) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = a.tokenStream("f", TEXT)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    }
    return out;
  }

  private static Set<String> classes(Path jar) throws IOException {
    Set<String> out = new TreeSet<>();
    try (JarFile j = new JarFile(jar.toFile())) {
      j.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).forEach(out::add);
    }
    return out;
  }
}
