package dev.skillsite.content;

import dev.skillsite.model.Collection;
import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.Diagnostic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Groups skills into collections.
 *
 * <p>A skill belongs to the plugin whose source folder, or one of whose listed skill folders,
 * contains it; the most specific (longest) folder wins, then the first declared. Plugins come from
 * marketplace.json and from {@code .claude-plugin/plugin.json} files whose folder holds skills (a
 * plugin.json in a marketplace plugin's folder only fills in what the marketplace entry leaves
 * out).
 *
 * <p>A skill in no plugin is grouped by folder (readable collections on real trees such as {@code
 * cli-tool/components/skills/<category>/<skill>}):
 *
 * <ul>
 *   <li>the category folder right below the nearest {@code skills} folder above it: {@code
 *       .../skills/development/x} and {@code .../skills/creative-design/game-development/x} give
 *       {@code development} and {@code creative-design};
 *   <li>when its folder sits directly in a {@code skills} folder, or no {@code skills} folder is
 *       above it, the folder holding its folder ({@code skills}, {@code .claude/skills}, {@code
 *       tools}); a folder named {@code skills} inside another is named after both ({@code .claude
 *       skills}, {@code egg skills});
 *   <li>a skill nested in another skill's folder goes with the outer skill;
 *   <li>a skill folder at the root, or a SKILL.md at the root, goes into a root collection named
 *       after the site.
 * </ul>
 *
 * <p>Collection ids are slugs of the plugin or folder name; when taken, the slug of the folder
 * path, then a number. Plugins claim ids first, in declaration order, then folders in path order.
 * Collections without skills are left out. Stateless.
 */
final class CollectionAssigner {
  /**
   * @param plugins marketplace plugins then plugin.json plugins, in that order
   * @param skillDirs the folder of every SKILL.md found, loaded or not (for dangling skill paths)
   * @param drafts the skills that loaded, sorted by source
   */
  CollectionPlan assign(
      List<PluginSpec> plugins,
      Set<String> skillDirs,
      List<SkillDraft> drafts,
      String siteTitle,
      List<Diagnostic> diagnostics) {
    danglingPaths(plugins, skillDirs, diagnostics);
    Map<String, Integer> pluginBySource = new HashMap<>();
    Map<String, String> folderBySource = new HashMap<>();
    for (SkillDraft d : drafts) {
      int plugin = pluginOf(d.dir(), plugins);
      if (plugin >= 0) {
        pluginBySource.put(d.source(), plugin);
      } else {
        folderBySource.put(d.source(), folderOf(outermostSkillDir(d.dir(), skillDirs)));
      }
    }
    Set<String> taken = new HashSet<>();
    List<Collection> collections = new ArrayList<>();
    Map<Integer, String> pluginIds = new HashMap<>();
    Set<Integer> usedPlugins = new TreeSet<>(pluginBySource.values());
    for (int i : usedPlugins) {
      PluginSpec p = plugins.get(i);
      String id = claim(Slugs.of(p.name(), "plugin"), p.dir(), taken);
      pluginIds.put(i, id);
      collections.add(
          new Collection(
              id, p.name(), p.dir(), p.description(), p.category(), p.keywords(), p.homepage()));
    }
    Map<String, String> folderIds = new HashMap<>();
    Set<String> usedFolders = new TreeSet<>(RelPaths.ORDER);
    usedFolders.addAll(folderBySource.values());
    for (String folder : usedFolders) {
      String name = folderName(folder, siteTitle);
      String id = claim(Slugs.of(name, "skills"), folder, taken);
      folderIds.put(folder, id);
      collections.add(
          new Collection(
              id, name, folder, Optional.empty(), Optional.empty(), List.of(), Optional.empty()));
    }
    Map<String, String> bySource = new HashMap<>();
    pluginBySource.forEach((source, plugin) -> bySource.put(source, pluginIds.get(plugin)));
    folderBySource.forEach((source, folder) -> bySource.put(source, folderIds.get(folder)));
    collections.sort(Comparator.comparing(Collection::id));
    return new CollectionPlan(collections, bySource);
  }

  /**
   * Index of the plugin holding a skill folder (longest matching folder, then first declared), or
   * -1.
   */
  private static int pluginOf(String dir, List<PluginSpec> plugins) {
    int best = -1;
    int bestLength = -1;
    for (int i = 0; i < plugins.size(); i++) {
      for (String folder : plugins.get(i).folders()) {
        if (ContentPaths.contains(folder, dir) && folder.length() > bestLength) {
          best = i;
          bestLength = folder.length();
        }
      }
    }
    return best;
  }

  /** A skill inside another skill's folder is grouped with the outer skill. */
  private static String outermostSkillDir(String dir, Set<String> skillDirs) {
    String outer = dir;
    for (String d = dir; !d.isEmpty(); ) {
      d = ContentPaths.parent(d);
      if (skillDirs.contains(d)) {
        outer = d;
      }
    }
    return outer;
  }

  /** The folder a skill in no plugin is grouped by (see the class comment). */
  static String folderOf(String skillDir) {
    String parent = ContentPaths.parent(skillDir);
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

  private static String folderName(String folder, String siteTitle) {
    if (folder.isEmpty()) {
      return siteTitle;
    }
    String name = ContentPaths.fileName(folder);
    String parent = ContentPaths.parent(folder);
    return name.equals("skills") && !parent.isEmpty()
        ? ContentPaths.fileName(parent) + " skills"
        : name;
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

  private static void danglingPaths(
      List<PluginSpec> plugins, Set<String> skillDirs, List<Diagnostic> diagnostics) {
    for (PluginSpec p : plugins) {
      for (PluginSpec.SkillPath path : p.skillPaths()) {
        if (skillDirs.stream().noneMatch(dir -> ContentPaths.contains(path.dir(), dir))) {
          diagnostics.add(
              Diagnostic.warning(
                  path.pos(),
                  "missing-skill-path",
                  ContentPaths.fileName(path.pos().path())
                      + " lists skill path '"
                      + path.written()
                      + "' for plugin '"
                      + p.name()
                      + "', but there is no SKILL.md there"));
        }
      }
    }
  }
}
