package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.model.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SkillPagesTest {
  private static List<Reference> refs(String folder, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new Reference(folder + String.format("f%03d.md", i), "F" + i, ""))
        .toList();
  }

  private static List<String> paths(List<Reference> refs) {
    return refs.stream().map(Reference::path).toList();
  }

  @Test
  void aSkillWithFewFilesListsThemAll() {
    List<Reference> all = refs("references/", SkillPages.SIBLINGS);
    assertEquals(paths(all), paths(SkillPages.siblings(all, all.get(3))));
  }

  @Test
  void aSkillWithManyFilesListsTheFilesOfTheSameFolder() {
    List<Reference> all = new ArrayList<>(refs("references/a/", 20));
    all.addAll(refs("references/b/", 20));
    all.add(new Reference("README.md", "Readme", ""));
    assertEquals(paths(all.subList(20, 40)), paths(SkillPages.siblings(all, all.get(25))));
    assertEquals(List.of("README.md"), paths(SkillPages.siblings(all, all.get(40))));
  }

  @Test
  void aCrowdedFolderListsAWindowAroundTheCurrentFile() {
    List<Reference> all = refs("references/", 100);
    assertEquals(paths(all.subList(35, 65)), paths(SkillPages.siblings(all, all.get(50))));
    assertEquals(
        paths(all.subList(0, 30)),
        paths(SkillPages.siblings(all, all.get(2))),
        "clamped at the start");
    assertEquals(
        paths(all.subList(70, 100)),
        paths(SkillPages.siblings(all, all.get(99))),
        "clamped at the end");
  }
}
