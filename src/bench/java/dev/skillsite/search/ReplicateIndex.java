package dev.skillsite.search;

import java.nio.file.Path;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Lab program: {@code ReplicateIndex SRC TIMES OUT} writes a routing index holding {@code TIMES}
 * copies of the one in {@code SRC} (Lucene's addIndexes: segments copied, not analysed again),
 * merged to one segment, with the source's commit data (the threshold). A stand-in for a registry
 * index when only its size matters (bytes and time of the browser search), not its text: every copy
 * scores as the original does.
 */
final class ReplicateIndex {
  private ReplicateIndex() {}

  public static void main(String[] args) throws Exception {
    Path src = Path.of(args[0]);
    int times = Integer.parseInt(args[1]);
    Path out = Path.of(args[2]);
    try (Directory from = FSDirectory.open(src);
        Directory to = FSDirectory.open(out);
        DirectoryReader reader = DirectoryReader.open(from)) {
      Map<String, String> data = reader.getIndexCommit().getUserData();
      try (IndexWriter w =
          new IndexWriter(
              to, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
        for (int i = 0; i < times; i++) {
          w.addIndexes(from);
        }
        w.forceMerge(1);
        w.setLiveCommitData(data.entrySet());
        w.commit();
      }
    }
  }
}
