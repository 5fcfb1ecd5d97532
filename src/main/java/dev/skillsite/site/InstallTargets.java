package dev.skillsite.site;

import dev.skillsite.model.Collection;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import dev.skillsite.site.view.InstallView;
import dev.skillsite.site.view.InstallView.InstallOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The install commands of a skill, one per agent, from the collection's metadata: the repository it
 * lives in ({@code repository} in skillsite.yaml, or a GitHub homepage in marketplace.json), the
 * Claude Code marketplace at its root, and the site's own base URL (the skill's archive or SKILL.md
 * on this site). Claude Code gets the plugin commands where the skill is part of a marketplace
 * plugin, else its skills folder; the {@code skills} CLI installs from the repository or from the
 * site; Codex, Cursor and Gemini CLI get their skills folders. Without a repository or a base URL
 * there is no command, only the download. Every word from content is shell-quoted.
 */
final class InstallTargets {
  private static final Pattern GITHUB =
      Pattern.compile("(?i)^https?://(?:www\\.)?github\\.com/([^/]+/[^/]+?)(?:\\.git)?$");
  private static final Pattern SKILL_NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
  private static final Pattern PLUGIN_WORD = Pattern.compile("[A-Za-z0-9._-]+");

  /** An agent that loads skills from a folder in the user's home. */
  record Folder(String key, String label, String dir) {}

  static final Folder CLAUDE = new Folder("claude-code", "Claude Code", "~/.claude/skills");
  static final List<Folder> FOLDERS =
      List.of(
          new Folder("codex", "Codex", "~/.agents/skills"),
          new Folder("cursor", "Cursor", "~/.cursor/skills"),
          new Folder("gemini-cli", "Gemini CLI", "~/.gemini/skills"));

  /**
   * What this site serves for a skill.
   *
   * @param path the site path of the archive, or of the SKILL.md when the skill has no other file
   * @param archive whether {@code path} is a {@code .tar.gz} of the skill folder
   */
  record Download(String path, boolean archive) {}

  private final SiteConfig config;
  private final InstallCommand install;
  private final Optional<String> site;

  InstallTargets(SiteConfig config, InstallCommand install) {
    this.config = config;
    this.install = install;
    this.site = config.baseUrl().flatMap(Urls::external);
  }

  /**
   * @param page the site path of the page that shows the view
   */
  InstallView view(
      Skill skill, Optional<Collection> collection, Optional<Download> download, String page) {
    List<InstallOption> options = new ArrayList<>();
    config
        .installTemplate()
        .ifPresent(
            t ->
                options.add(
                    new InstallOption(
                        "collection",
                        "Recommended",
                        install.command(skill),
                        "The command this collection recommends.")));
    Optional<BiFunction<String, String, String>> fetch = fetch(skill, download);
    String folder = folderName(skill);
    claudePlugin(collection)
        .ifPresentOrElse(
            options::add, () -> fetch.ifPresent(f -> options.add(folderOption(CLAUDE, f, folder))));
    skillsCli(skill).ifPresent(options::add);
    fetch.ifPresent(f -> FOLDERS.forEach(agent -> options.add(folderOption(agent, f, folder))));
    String href = download.map(d -> Urls.relative(page, d.path())).orElse("");
    String label = download.map(d -> d.path().substring(d.path().lastIndexOf('/') + 1)).orElse("");
    String where =
        " ("
            + CLAUDE.dir()
            + "/"
            + folder
            + " for Claude Code, "
            + FOLDERS.get(0).dir()
            + "/"
            + folder
            + " for Codex).";
    String downloadNote =
        download.isEmpty()
            ? ""
            : download.get().archive()
                ? "The skill folder as a .tar.gz, SKILL.md at its top: unpack it into a new folder in your agent's skills"
                    + " folder"
                    + where
                : "The skill is this one file: save it as SKILL.md in a new folder in your agent's skills folder"
                    + where;
    String note =
        options.isEmpty()
            ? "This collection does not say where its source is, so there is no install command."
            : "";
    return new InstallView(options, href, label, downloadNote, note);
  }

  /**
   * Claude Code's plugin commands, when the skill's collection is a plugin of a marketplace at the
   * repository root.
   */
  private Optional<InstallOption> claudePlugin(Optional<Collection> collection) {
    Optional<SiteConfig.PluginMarketplace> market = config.marketplace();
    Optional<String> repo = install.repoUrl();
    if (market.isEmpty()
        || repo.isEmpty()
        || !config.repoPath().isEmpty()
        || collection.isEmpty()
        || !market.get().plugins().contains(collection.get().name())
        || !PLUGIN_WORD.matcher(market.get().name()).matches()
        || !PLUGIN_WORD.matcher(collection.get().name()).matches()) {
      return Optional.empty();
    }
    String source = gitHub(repo.get()).orElse(repo.get());
    String plugin = collection.get().name();
    return Optional.of(
        new InstallOption(
            CLAUDE.key(),
            CLAUDE.label(),
            "/plugin marketplace add "
                + source
                + "\n/plugin install "
                + plugin
                + "@"
                + market.get().name(),
            "In Claude Code: adds the "
                + market.get().name()
                + " marketplace, then installs its plugin "
                + plugin
                + ", which holds this skill."));
  }

  /** {@code npx skills add}: from the repository, else from this site's discovery index. */
  private Optional<InstallOption> skillsCli(Skill skill) {
    Optional<String> source =
        install
            .repoUrl()
            .map(r -> gitHub(r).filter(g -> config.branch().equals("main")).orElse(r))
            .or(() -> site);
    return source.map(
        s ->
            new InstallOption(
                "skills-cli",
                "skills CLI",
                "npx skills add "
                    + ShellWords.quote(s)
                    + " --skill "
                    + ShellWords.quote(skill.name()),
                "The skills CLI asks which agents to install it for."));
  }

  private static InstallOption folderOption(
      Folder agent, BiFunction<String, String, String> fetch, String folder) {
    String command = fetch.apply(agent.dir(), agent.dir() + "/" + folder);
    return new InstallOption(
        agent.key(),
        agent.label(),
        command,
        "Puts the skill folder into " + agent.dir() + "/" + folder + ".");
  }

  /**
   * The shell command that puts the skill folder at a target folder (given the agent's skills
   * folder and the target in it): cloned from the repository, else downloaded from this site; empty
   * when neither is known.
   */
  private Optional<BiFunction<String, String, String>> fetch(
      Skill skill, Optional<Download> download) {
    Optional<String> repo = install.repoUrl();
    if (repo.isPresent()) {
      String clone =
          "git clone -q --depth 1 -b "
              + ShellWords.quote(config.branch())
              + " "
              + ShellWords.quote(repo.get());
      String path = install.repoPath(skill);
      if (path.isEmpty()) {
        return Optional.of((dir, target) -> "mkdir -p " + dir + " && " + clone + " " + target);
      }
      return Optional.of(
          (dir, target) ->
              "d=$(mktemp -d) && "
                  + clone
                  + " \"$d\" && mkdir -p "
                  + dir
                  + " && cp -R \"$d\"/"
                  + ShellWords.quote(path)
                  + " "
                  + target);
    }
    if (site.isPresent() && download.isPresent()) {
      String url = ShellWords.quote(Urls.absolute(site.get(), download.get().path()));
      boolean archive = download.get().archive();
      return Optional.of(
          (dir, target) ->
              archive
                  ? "mkdir -p " + target + " && curl -fsSL " + url + " | tar -xz -C " + target
                  : "mkdir -p " + target + " && curl -fsSL " + url + " -o " + target + "/SKILL.md");
    }
    return Optional.empty();
  }

  /**
   * The folder the skill is installed as: its name when that is a valid skill name, else its
   * folder's name.
   */
  static String folderName(Skill skill) {
    if (SKILL_NAME.matcher(skill.name()).matches() && skill.name().length() <= 64) {
      return skill.name();
    }
    String dir = skill.dir();
    String base = dir.substring(dir.lastIndexOf('/') + 1);
    return ShellWords.quote(base.isEmpty() ? skill.id().value() : base);
  }

  /** {@code owner/name} of a GitHub repository URL. */
  private static Optional<String> gitHub(String url) {
    var m = GITHUB.matcher(url.replaceAll("/+$", ""));
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
