package dev.skillsite.content;

import dev.skillsite.model.Collection;
import dev.skillsite.model.Diagnostic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Groups skills into collections.
 *
 * <p>A skill belongs to the plugin whose source folder, or one of whose listed skill folders, contains it;
 * the most specific (longest) folder wins, then the first declared. Plugins come from marketplace.json and
 * from {@code .claude-plugin/plugin.json} files whose folder holds skills (a plugin.json in a marketplace
 * plugin's folder only fills in what the marketplace entry leaves out).
 *
 * <p>A skill in no plugin is grouped by folder: the category folder right below the nearest {@code skills}
 * folder above it ({@code cli-tool/components/skills/development/x} and
 * {@code .../skills/creative-design/game-development/x} give {@code development} and
 * {@code creative-design}); when its folder sits directly in a {@code skills} folder or no {@code skills}
 * folder is above it, the folder holding its folder ({@code skills}, {@code .claude/skills},
 * {@code tools}; a folder named {@code skills} is named after its parent too: {@code egg skills}); a skill folder at the root, or a SKILL.md at the root, goes into a root collection named
 * after the site.
 *
 * <p>Collection ids are slugs of the plugin or folder name; when taken, the slug of the folder path, then a
 * number. Plugins claim ids first, in declaration order, then folders in path order. Collections without
 * skills are left out. Stateless.
 */
final class CollectionAssigner {
  /**
   * @param plugins marketplace plugins then plugin.json plugins, in that order
   * @param skillDirs the folder of every SKILL.md found, loaded or not (for dangling skill paths)
   * @param drafts the skills that loaded, sorted by source
   */
  CollectionPlan assign(List<PluginSpec> plugins, Set<String> skillDirs, List<SkillDraft> drafts,
      String siteTitle, List<Diagnostic> diagnostics) {
    danglingPaths(plugins, skillDirs, diagnostics);
    Map<Object, String> idOfGroup = new LinkedHashMap<>();
    Map<String, Object> groupBySource = new LinkedHashMap<>();
    Map<String, Collection> folderGroups = new TreeMap<>(RelPaths.ORDER);
    for (SkillDraft d : drafts) {
      Optional<PluginSpec> plugin = pluginOf(d.dir(), plugins);
      if (plugin.isPresent()) {
        groupBySource.put(d.source(), plugin.get());
      } else {
        String folder = folderOf(d.dir());
        groupBySource.put(d.source(), folder);
        folderGroups.computeIfAbsent(folder, f -> folderCollection(f, siteTitle));
      }
    }
    Set<Object> used = new HashSet<>(groupBySource.values());
    Set<String> taken = new HashSet<>();
    List<Collection> collections = new ArrayList<>();
    for (PluginSpec p : plugins) {
      if (used.contains(p) && !idOfGroup.containsKey(p)) {
        String id = claim(Slugs.of(p.name(), "plugin"), p.dir(), taken);
        idOfGroup.put(p, id);
        collections.add(new Collection(id, p.name(), p.dir(), p.description(), p.category(), p.keywords(),
            p.homepage()));
      }
    }
    for (Map.Entry<String, Collection> e : folderGroups.entrySet()) {
      Collection c = e.getValue();
      String id = claim(c.id(), c.path(), taken);
      idOfGroup.put(e.getKey(), id);
      collections.add(new Collection(id, c.name(), c.path(), c.description(), c.category(), c.keywords(),
          c.homepage()));
    }
    Map<String, String> bySource = new LinkedHashMap<>();
    groupBySource.forEach((source, group) -> bySource.put(source, idOfGroup.get(group)));
    collections.sort(Comparator.comparing(Collection::id));
    return new CollectionPlan(collections, bySource);
  }

  private static Optional<PluginSpec> pluginOf(String dir, List<PluginSpec> plugins) {
    PluginSpec best = null;
    int bestLength = -1;
    for (PluginSpec p : plugins) {
      for (String folder : p.folders()) {
        if (RelPaths.contains(folder, dir) && folder.length() > bestLength) {
          best = p;
          bestLength = folder.length();
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** The folder a skill in no plugin is grouped by (see the class comment). */
  static String folderOf(String skillDir) {
    String parent = RelPaths.parent(skillDir);
    if (skillDir.isEmpty() || parent.isEmpty()) {
      return "";
    }
    String[] parts = parent.split("/");
    for (int i = parts.length - 2; i >= 0; i--) {
      if (parts[i].equals("skills")) {
        return String.join("/", java.util.Arrays.copyOfRange(parts, 0, i + 2));
      }
    }
    return parent;
  }

  private static Collection folderCollection(String folder, String siteTitle) {
    String name = folder.isEmpty() ? siteTitle : RelPaths.fileName(folder);
    String parent = RelPaths.parent(folder);
    if (name.equals("skills") && !parent.isEmpty()) {
      name = RelPaths.fileName(parent) + " skills";
    }
    return new Collection(Slugs.of(name, "skills"), name, folder, Optional.empty(), Optional.empty(),
        List.of(), Optional.empty());
  }

  private static String claim(String preferred, String path, Set<String> taken) {
    String id = preferred;
    if (taken.contains(id)) {
      id = Slugs.of(path, preferred);
    }
    String base = id;
    for (int n = 2; taken.contains(id); n++) {
      id = base + "-" + n;
    }
    taken.add(id);
    return id;
  }

  private static void danglingPaths(List<PluginSpec> plugins, Set<String> skillDirs,
      List<Diagnostic> diagnostics) {
    for (PluginSpec p : plugins) {
      for (PluginSpec.SkillPath path : p.skillPaths()) {
        if (skillDirs.stream().noneMatch(dir -> RelPaths.contains(path.dir(), dir))) {
          diagnostics.add(Diagnostic.warning(path.pos(), "missing-skill-path",
              RelPaths.fileName(path.pos().path()) + " lists skill path '" + path.written() + "' for plugin '"
                  + p.name() + "', but there is no SKILL.md there"));
        }
      }
    }
  }
}
