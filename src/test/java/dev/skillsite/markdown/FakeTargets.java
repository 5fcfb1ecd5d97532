package dev.skillsite.markdown;

import dev.skillsite.model.SkillId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** An in-memory site: pages with anchors, files, and skills, each given by a test. */
final class FakeTargets implements LinkTargets {
  private final Map<String, String> pages = new TreeMap<>();
  private final Map<String, Set<String>> anchors = new TreeMap<>();
  private final Map<String, String> files = new TreeMap<>();
  private final Set<String> existing = new TreeSet<>();

  FakeTargets withPage(String target, String href, String... ids) {
    pages.put(target, href);
    anchors.put(target, Set.of(ids));
    existing.add(target);
    return this;
  }

  FakeTargets withFile(String target, String href) {
    files.put(target, href);
    existing.add(target);
    return this;
  }

  FakeTargets withFolder(String target) {
    existing.add(target);
    return this;
  }

  @Override
  public Optional<String> page(String from, String target) {
    return Optional.ofNullable(pages.get(target));
  }

  @Override
  public boolean hasAnchor(String target, String anchor) {
    return anchors.getOrDefault(target, Set.of()).contains(anchor);
  }

  @Override
  public Optional<String> file(String from, String target) {
    return Optional.ofNullable(files.get(target));
  }

  @Override
  public boolean exists(String target) {
    return existing.contains(target);
  }

  @Override
  public String skill(String from, SkillId id) {
    return "../" + id + "/index.html";
  }
}
