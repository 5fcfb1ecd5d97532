package dev.skillsite.search;

import dev.skillsite.routing.IndexContents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The browser search export of an index, each skill shown as its id says (tests of the export). */
final class TestExports {
  private TestExports() {}

  /** Writes {@code contents}' export under {@code site}: each skill "about" its id. */
  static void write(IndexContents contents, Path site) throws IOException {
    List<SearchIndexWriter.Display> display = new ArrayList<>();
    for (int d = 0; d < contents.size(); d++) {
      String id = contents.skill(d).id().value();
      display.add(
          new SearchIndexWriter.Display(
              id, contents.skill(d).name(), "skills/" + id + "/index.html", "about " + id));
    }
    new SearchIndexWriter().write(contents, display, site);
  }
}
