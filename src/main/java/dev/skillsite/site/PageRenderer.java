package dev.skillsite.site;

import dev.skillsite.site.view.PageView;
import dev.skillsite.site.view.SiteView;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.DelegatingLoader;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.loader.Loader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Renders pages with the Pebble templates: a user's templates folder first, by name, then ours from
 * the classpath ({@code templates/}). Autoescaping is on. Every template compiles once, in the
 * constructor (a broken one is an {@link IllegalArgumentException} naming its file and line);
 * rendering is thread-safe.
 */
final class PageRenderer {
  static final String CLASSPATH_PREFIX = "templates";
  static final String SUFFIX = ".peb";

  private final Map<PageKind, PebbleTemplate> templates = new EnumMap<>(PageKind.class);

  /** {@code partials/skill-health}, compiled with the skill page; alone only for ours. */
  private final Optional<PebbleTemplate> skillHealth;

  private final Optional<Path> userTemplates;

  /**
   * Whether every template is ours (no user's templates folder); null until asked ({@link
   * #packaged}).
   */
  private Boolean packaged;

  /** The user's templates folder as a digest ({@link #identity}); null until asked. */
  private String identity;

  /**
   * A renderer of every page kind (a whole build), with the templates' {@link #identity} taken now,
   * as they compile.
   */
  PageRenderer(Optional<Path> userTemplates) {
    this(userTemplates, EnumSet.allOf(PageKind.class));
    this.identity = identityOf(userTemplates);
  }

  /**
   * A renderer of the pages of {@code kinds} only (a patch build renders skill pages). The
   * templates' {@link #identity} and whether they are {@link #packaged} are read when first asked
   * (a patch's key has digested them already: each renderer a patch made digested the folder again,
   * and compared it with ours, for nothing), and {@link #packaged} now when {@code kinds} has the
   * skill page (its health partial depends on it).
   */
  PageRenderer(Optional<Path> userTemplates, Set<PageKind> kinds) {
    this.userTemplates = userTemplates;
    List<Loader<?>> loaders = new ArrayList<>();
    userTemplates.ifPresent(
        dir -> {
          FileLoader user = new FileLoader();
          user.setPrefix(dir.toAbsolutePath().toString());
          user.setSuffix(SUFFIX);
          loaders.add(user);
        });
    ClasspathLoader ours = new ClasspathLoader(PageRenderer.class.getClassLoader());
    ours.setPrefix(CLASSPATH_PREFIX);
    ours.setSuffix(SUFFIX);
    loaders.add(ours);
    PebbleEngine engine =
        new PebbleEngine.Builder()
            .loader(new DelegatingLoader(loaders))
            .autoEscaping(true)
            .addEscapingStrategy("html", HtmlText::escape) // unbescape's output, without its tables
            .strictVariables(true)
            .defaultLocale(Locale.ROOT)
            .extension(new Assets(new AssetUrls(userTemplates)))
            .build();
    for (PageKind kind : kinds) {
      try {
        templates.put(kind, engine.getTemplate(kind.template()));
      } catch (PebbleException e) {
        throw new IllegalArgumentException(describe(kind, e), e);
      }
    }
    Optional<PebbleTemplate> health = Optional.empty();
    if (kinds.contains(PageKind.SKILL) && packaged()) {
      try {
        health = Optional.of(engine.getTemplate(SKILL_HEALTH));
      } catch (PebbleException e) {
        throw new IllegalArgumentException(describe(PageKind.SKILL, e), e);
      }
    }
    this.skillHealth = health;
  }

  /**
   * Whether every template is ours: a page then shows what {@link
   * dev.skillsite.check.RoutingHealthView.SkillHealth#shown} and {@link HealthPage#shown} keep.
   */
  synchronized boolean packaged() {
    if (packaged == null) {
      packaged = userTemplates.map(PageRenderer::ours).orElse(true);
    }
    return packaged;
  }

  /**
   * Whether every template ({@code .peb}) of the folder {@code dir} is one of ours, byte for byte
   * (a build run where our {@code templates/} folder is, as the benchmarks are): its pages are then
   * ours.
   */
  private static boolean ours(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(f -> f.toString().endsWith(SUFFIX)).toList()) {
        if (!Files.isRegularFile(p)) {
          return false;
        }
        String name = CLASSPATH_PREFIX + "/" + dir.relativize(p).toString().replace('\\', '/');
        try (var in = PageRenderer.class.getClassLoader().getResourceAsStream(name)) {
          if (in == null || !java.util.Arrays.equals(in.readAllBytes(), Files.readAllBytes(p))) {
            return false;
          }
        }
      }
      return true;
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /** The partial a skill page renders its routing health sections with. */
  static final String SKILL_HEALTH = "partials/skill-health";

  /**
   * What the packaged {@code skill.peb} writes for {@code view.health}: {@code
   * partials/skill-health} once for each section, with {@code {"health": section}} (the partial
   * reads nothing else); empty when the templates are a user's other than ours (theirs may show the
   * sections elsewhere or differently).
   */
  Optional<String> skillHealth(List<?> sections) {
    if (skillHealth.isEmpty()) {
      return Optional.empty();
    }
    StringWriter out = new StringWriter(4096);
    for (Object section : sections) {
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("health", section);
      try {
        skillHealth.get().evaluate(out, context, Locale.ROOT);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (PebbleException e) {
        throw new IllegalStateException(describe(PageKind.SKILL, e), e);
      }
    }
    return Optional.of(out.toString());
  }

  /**
   * What the pages depend on besides their views: the user's templates folder (every file's path
   * and bytes), or the packaged templates alone (which belong to the code). A folder that cannot be
   * read is an identity no other build has.
   */
  synchronized String identity() {
    if (identity == null) {
      identity = identityOf(userTemplates);
    }
    return identity;
  }

  /** What {@link #identity} is for {@code userTemplates}, without compiling them. */
  static String identityOf(Optional<Path> userTemplates) {
    return userTemplates.map(PageRenderer::digestOrClaimed).orElse("packaged templates");
  }

  /**
   * The digest of {@code dir}, or of the folder {@code -Dskillsite.claimTemplates} names: a lab
   * switch for benchmarks only (as {@code claim-warm} claims the code's identity), so that
   * templates that print the same records otherwise can patch a site another version's templates
   * built. Never set in use: the cache would take pages made by other templates for this build's.
   */
  private static String digestOrClaimed(Path dir) {
    String claimed = System.getProperty("skillsite.claimTemplates");
    return digest(claimed == null ? dir : Path.of(claimed));
  }

  private static String digest(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        byte[] name = dir.relativize(p).toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Files.readAllBytes(p);
        sha.update(ByteBuffer.allocate(8).putInt(name.length).putInt(bytes.length).array());
        sha.update(name);
        sha.update(bytes);
      }
      return "templates " + HexFormat.of().formatHex(sha.digest());
    } catch (IOException | UncheckedIOException | NoSuchAlgorithmException e) {
      return "unreadable templates " + UUID.randomUUID();
    }
  }

  /** A page: the layout's {@code site} and {@code page}, and the page kind's {@code view}. */
  String render(PageKind kind, SiteView site, PageView page, Object view) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("site", site);
    context.put("page", page);
    context.put("view", view);
    PebbleTemplate template = templates.get(kind);
    if (template == null) {
      throw new IllegalArgumentException("a renderer without the " + kind + " template");
    }
    StringWriter out = new StringWriter(1 << 16);
    try {
      template.evaluate(out, context, Locale.ROOT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (PebbleException e) {
      throw new IllegalStateException(describe(kind, e), e);
    }
    return out.toString();
  }

  /** {@code file:line: error: message}, as diagnostics are printed. */
  private static String describe(PageKind kind, PebbleException e) {
    String file = Optional.ofNullable(e.getFileName()).orElse(kind.template()) + SUFFIX;
    String line = Optional.ofNullable(e.getLineNumber()).map(n -> ":" + n).orElse("");
    return "template " + file + line + ": error: " + e.getPebbleMessage();
  }

  /**
   * The templates' {@code asset(name)}: the address of {@code assets/NAME} with its content's
   * fingerprint ({@link AssetUrls}), relative to the site's root (a page writes {@code {{ page.root
   * }}{{ asset("site.css") }}}).
   */
  private static final class Assets extends AbstractExtension {
    private final AssetUrls urls;

    Assets(AssetUrls urls) {
      this.urls = urls;
    }

    @Override
    public Map<String, Function> getFunctions() {
      return Map.of(
          "asset",
          new Function() {
            @Override
            public List<String> getArgumentNames() {
              return List.of("name");
            }

            @Override
            public Object execute(
                Map<String, Object> args,
                PebbleTemplate self,
                EvaluationContext context,
                int lineNumber) {
              return urls.url(String.valueOf(args.get("name")));
            }
          });
    }
  }
}
