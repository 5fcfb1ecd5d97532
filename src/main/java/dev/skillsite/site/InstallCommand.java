package dev.skillsite.site;

import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A skill's install command and source link, from the site's repository settings. */
final class InstallCommand {
  static final String WITH_REPO = "npx add-skill {repo}/tree/{branch}/{path}";
  static final String WITHOUT_REPO = "cp -r {path} ~/.claude/skills/";

  private final SiteConfig config;
  private final Optional<String> repo;

  InstallCommand(SiteConfig config) {
    this.config = config;
    this.repo = config.repoUrl().flatMap(Urls::external).map(u -> u.replaceAll("/+$", ""));
  }

  String command(Skill skill) {
    String template = config.installTemplate().orElse(repo.isPresent() ? WITH_REPO : WITHOUT_REPO);
    return template
        .replace("{repo}", repo.orElse(""))
        .replace("{branch}", config.branch())
        .replace("{path}", repoPath(skill).isEmpty() ? "." : repoPath(skill))
        .replace("{name}", skill.name());
  }

  /** {@code {repo}/blob/{branch}/{path}/SKILL.md}, when the repository is known. */
  Optional<String> sourceUrl(Skill skill) {
    String file = skill.source().substring(skill.source().lastIndexOf('/') + 1);
    String path = repoPath(skill);
    return repo.map(
        r ->
            r
                + "/blob/"
                + Urls.encodePath(config.branch())
                + "/"
                + Urls.encodePath(path.isEmpty() ? file : path + "/" + file));
  }

  /** The skill folder relative to the repository root. */
  String repoPath(Skill skill) {
    return Stream.of(config.repoPath(), skill.dir())
        .map(s -> s.replaceAll("^/+|/+$", ""))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.joining("/"));
  }

  /** {@code owner/name} of a GitHub-like repository URL, else the URL's host and path. */
  String repoLabel() {
    return repo.map(
            r ->
                r.replaceFirst(
                        "(?i)^https?://(www\\.)?(github\\.com|gitlab\\.com|codeberg\\.org)/", "")
                    .replaceFirst("(?i)^https?://", ""))
        .orElse("");
  }

  Optional<String> repoUrl() {
    return repo;
  }
}
