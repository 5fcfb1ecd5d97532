package dev.skillsite.testing;

import com.google.gson.JsonArray;
import dev.skillsite.model.Skill;
import dev.skillsite.routing.SolrDocuments;
import dev.skillsite.routing.SolrHttp;
import dev.skillsite.solr.SolrExport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * An in-process SolrCloud (Solr's MiniSolrCloudCluster: embedded ZooKeeper, Jetty nodes on loopback
 * ports) with skillsite's exported configset, for tests and benchmarks of routing through Solr. The
 * plugin's analyzers are on the test classpath, as the plugin jar puts them on a real node's.
 */
public final class SolrCluster implements AutoCloseable {
  public static final String CONFIG = "skillsite";
  private final Path base;
  private final MiniSolrCloudCluster cluster;

  public SolrCluster(int nodes) throws Exception {
    this.base = Files.createTempDirectory("skillsite-solr");
    Path configset = base.resolve("configset");
    SolrExport.writeConfigset(configset);
    System.setProperty("solr.autoCommit.maxTime", "-1");
    this.cluster =
        new MiniSolrCloudCluster.Builder(nodes, base.resolve("cluster"))
            .addConfig(CONFIG, configset)
            .build();
  }

  /**
   * Creates a collection of {@code shards} × {@code replicas} cores and waits until every one is
   * active.
   */
  public void createCollection(String name, int shards, int replicas) throws Exception {
    CollectionAdminRequest.createCollection(name, CONFIG, shards, replicas)
        .process(cluster.getSolrClient());
    cluster.waitForActiveCollection(name, 60, TimeUnit.SECONDS, shards, shards * replicas);
  }

  /** A client of {@code collection} through every running node. */
  public SolrHttp client(String collection) {
    return new SolrHttp(nodeUrls(), collection);
  }

  public List<URI> nodeUrls() {
    return cluster.getJettySolrRunners().stream()
        .map(j -> URI.create(j.getBaseUrl().toString()))
        .toList();
  }

  /** Indexes the skills (in collection order) in batches, then commits. */
  public static void index(SolrHttp solr, List<Skill> skills) throws IOException {
    int batch = 250;
    for (int from = 0; from < skills.size(); from += batch) {
      JsonArray a = new JsonArray();
      for (int i = from; i < Math.min(skills.size(), from + batch); i++) {
        a.add(SolrDocuments.of(skills.get(i), i));
      }
      solr.add(a);
    }
    solr.commit();
  }

  /** Stops node {@code i} (its cores go down; the others keep serving). */
  public void stopNode(int i) throws Exception {
    JettySolrRunner j = cluster.getJettySolrRunner(i);
    cluster.stopJettySolrRunner(j);
  }

  @Override
  public void close() throws IOException {
    try {
      cluster.shutdown();
    } catch (Exception e) {
      throw new IOException("stopping the Solr cluster", e);
    } finally {
      try (Stream<Path> s = Files.walk(base)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
