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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
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
   * Uploads skillsite's configset as {@code name}, keeping {@code threshold} as export does for a
   * collection whose skillsite.yaml sets routing.threshold.
   */
  public void addConfigWithThreshold(String name, double threshold) throws Exception {
    Path dir = base.resolve("configset-" + name);
    SolrExport.writeConfigset(dir);
    SolrExport.writeThreshold(dir, threshold);
    cluster.uploadConfigSet(dir, name);
  }

  /**
   * Creates a collection of {@code shards} × {@code replicas} cores of configset {@code config} and
   * waits until every one is active.
   */
  public void createCollection(String name, String config, int shards, int replicas)
      throws Exception {
    CollectionAdminRequest.createCollection(name, config, shards, replicas)
        .process(cluster.getSolrClient());
    cluster.waitForActiveCollection(name, 60, TimeUnit.SECONDS, shards, shards * replicas);
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

  /**
   * A collection of {@code shards} × {@code replicas} cores holding {@code skills}: made with one
   * replica a shard, indexed and committed, then given its other replicas (see {@link
   * #addReplicas}).
   */
  public void createIndexed(String name, int shards, int replicas, List<Skill> skills)
      throws Exception {
    createCollection(name, shards, 1);
    index(client(name), skills);
    if (replicas > 1) {
      addReplicas(name, shards, replicas);
    }
  }

  /**
   * Adds replicas to every shard of {@code collection} until it has {@code replicas} each, each new
   * one on a node that holds no replica of its shard yet, and waits until all are active. A replica
   * added after indexing copies the shard's index files from the leader instead of analyzing every
   * document again, which halves the indexing cost of a 2-replica collection.
   */
  public void addReplicas(String collection, int shards, int replicas) throws Exception {
    var client = cluster.getSolrClient();
    DocCollection state = client.getClusterState().getCollection(collection);
    for (Slice shard : state.getSlices()) {
      Set<String> holding =
          shard.getReplicas().stream().map(Replica::getNodeName).collect(Collectors.toSet());
      List<String> free =
          cluster.getJettySolrRunners().stream()
              .map(JettySolrRunner::getNodeName)
              .filter(n -> !holding.contains(n))
              .toList();
      for (int r = shard.getReplicas().size(), i = 0; r < replicas; r++, i++) {
        CollectionAdminRequest.AddReplica add =
            CollectionAdminRequest.addReplicaToShard(collection, shard.getName());
        if (!free.isEmpty()) {
          add.setNode(free.get(i % free.size()));
        }
        add.process(client);
      }
    }
    cluster.waitForActiveCollection(collection, 120, TimeUnit.SECONDS, shards, shards * replicas);
  }

  /** Deletes {@code collection} and its cores. */
  public void deleteCollection(String name) throws Exception {
    CollectionAdminRequest.deleteCollection(name).process(cluster.getSolrClient());
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
