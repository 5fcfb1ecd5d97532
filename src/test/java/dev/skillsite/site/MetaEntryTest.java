package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.site.view.MetaEntry;
import org.junit.jupiter.api.Test;

class MetaEntryTest {
  @Test
  void keysReadAsLabels() {
    assertEquals("Based on", new MetaEntry("metadata.based-on", "x").label());
    assertEquals("Author", new MetaEntry("metadata.author", "x").label());
    assertEquals("Argument hint", new MetaEntry("argument-hint", "x").label());
    assertEquals("X › Release date", new MetaEntry("x.release_date", "x").label());
    assertEquals("metadata.", new MetaEntry("metadata.", "x").label());
  }
}
