import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Distils static word vectors from the in-process MiniLM model (issue 22, semantic signal): each
 * word of a vocabulary is embedded once, alone (mean-pooled, normalised: the model's sentence
 * embedding of a one-word text). Input: lines {@code term\tsurface...} (the surface is what is
 * embedded). Output: a binary cache {@code int n, int dim, then n × (UTF term, dim floats)}; words
 * already in the cache are not embedded again. Run outside the Maven build:
 * {@code java -cp 'LIB/*' bench/semantic/Distil.java words.tsv vectors.bin}.
 */
public class Distil {
  public static void main(String[] args) throws Exception {
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Map<String, float[]> cache = new HashMap<>();
    if (Files.exists(out)) {
      try (DataInputStream d = new DataInputStream(new BufferedInputStream(Files.newInputStream(out)))) {
        int n = d.readInt();
        int dim = d.readInt();
        for (int i = 0; i < n; i++) {
          String w = d.readUTF();
          float[] v = new float[dim];
          for (int j = 0; j < dim; j++) v[j] = d.readFloat();
          cache.put(w, v);
        }
      }
    }
    List<String> todo = new ArrayList<>();
    for (String line : Files.readAllLines(in)) {
      String[] f = line.split("\t");
      if (f.length >= 2 && !cache.containsKey(f[1])) {
        todo.add(f[1]);
      }
    }
    todo = todo.stream().distinct().toList();
    long t0 = System.nanoTime();
    EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    long t1 = System.nanoTime();
    System.err.printf("model load %.2f s; %d cached, %d to embed%n", (t1 - t0) / 1e9, cache.size(), todo.size());
    int batch = 256;
    for (int i = 0; i < todo.size(); i += batch) {
      List<String> part = todo.subList(i, Math.min(todo.size(), i + batch));
      List<Embedding> es = model.embedAll(part.stream().map(TextSegment::from).toList()).content();
      for (int j = 0; j < part.size(); j++) {
        cache.put(part.get(j), es.get(j).vector());
      }
      if ((i / batch) % 20 == 0) {
        System.err.printf("%d / %d, %.1f s%n", i + part.size(), todo.size(), (System.nanoTime() - t1) / 1e9);
      }
    }
    long t2 = System.nanoTime();
    System.err.printf("embedded %d words in %.1f s (%.2f ms a word)%n", todo.size(), (t2 - t1) / 1e9,
        todo.isEmpty() ? 0 : (t2 - t1) / 1e6 / todo.size());
    int dim = cache.values().iterator().next().length;
    try (DataOutputStream d = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out)))) {
      d.writeInt(cache.size());
      d.writeInt(dim);
      for (var e : cache.entrySet()) {
        d.writeUTF(e.getKey());
        for (float x : e.getValue()) d.writeFloat(x);
      }
    }
  }
}
