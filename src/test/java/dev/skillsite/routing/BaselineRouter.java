package dev.skillsite.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/** The plain baseline: BM25 over each whole SKILL.md text, StandardAnalyzer, no abstention. */
final class BaselineRouter implements AutoCloseable {
  private final StandardAnalyzer analyzer = new StandardAnalyzer();
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  BaselineRouter(List<Path> files, List<String> names) throws IOException {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
      for (int i = 0; i < files.size(); i++) {
        Document d = new Document();
        d.add(new StoredField("name", names.get(i)));
        d.add(
            new TextField(
                "text", Files.readString(files.get(i), StandardCharsets.UTF_8), Field.Store.NO));
        w.addDocument(d);
      }
    }
    reader = DirectoryReader.open(dir);
    searcher = new IndexSearcher(reader);
  }

  List<String> rank(String query) {
    try {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      try (TokenStream ts = analyzer.tokenStream("text", query)) {
        CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          b.add(new TermQuery(new Term("text", t.toString())), BooleanClause.Occur.SHOULD);
        }
        ts.end();
      }
      List<String> out = new ArrayList<>();
      for (ScoreDoc sd : searcher.search(b.build(), 10).scoreDocs) {
        out.add(searcher.storedFields().document(sd.doc).get("name"));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
