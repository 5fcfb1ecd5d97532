package dev.skillsite.build;

import dev.skillsite.model.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * What a build did.
 *
 * @param skills skills published
 * @param pages HTML pages written
 * @param diagnostics every diagnostic, in print order
 * @param seconds wall time
 * @param published whether the new site replaced the output folder
 * @param live what a watching server keeps of a published full build, to refresh one skill quickly
 * @param documents Markdown documents in the site, and how many of them were used again from an
 *     earlier build (the build cache, or a watching server's last build) instead of being rendered
 * @param indexReused whether the routing index was the last build's (the build cache: same skills,
 *     same code)
 * @param answersReused whether what the last build asked of that index (trigger rankings for the
 *     routing health, similar skills) was answered from the build cache
 * @param searchReused whether the browser search export was the last build's (same index, same
 *     results shown)
 * @param rankings when the index changed: how many trigger rankings of the routing health were
 *     carried over from the last build's answers (provably unchanged, see {@code IndexDelta}) and
 *     how many were asked of the new index
 * @param output how the site was written and published: pages kept without rendering them, and
 *     whether the published folder was updated in place
 * @param patch whether the build took the patch path ({@link PatchBuild}), and why or why not
 */
public record BuildResult(
    int skills,
    int pages,
    List<Diagnostic> diagnostics,
    double seconds,
    boolean published,
    Optional<LiveSite> live,
    Documents documents,
    boolean indexReused,
    boolean answersReused,
    boolean searchReused,
    Rankings rankings,
    Output output,
    Patch patch) {
  /**
   * Whether a build was a patch ({@code taken}: {@code skills} changed skills, {@code files} site
   * files replaced, each step's time in {@code steps}) or why it was not ({@code reason}); {@link
   * #NONE} when no patch was asked for ({@code serve}, the pipeline run directly).
   */
  public record Patch(boolean taken, String reason, int skills, int files, String steps) {
    public static final Patch NONE = new Patch(false, "", 0, 0, "");
  }

  /** This result with {@code p} as its patch decision. */
  BuildResult withPatch(Patch p) {
    return new BuildResult(
        skills,
        pages,
        diagnostics,
        seconds,
        published,
        live,
        documents,
        indexReused,
        answersReused,
        searchReused,
        rankings,
        output,
        p);
  }

  /**
   * How the site was written: {@code notRendered} pages and archives kept as the last build made
   * them; published in place ({@code replaced} files renamed over the published ones, {@code
   * deleted} deleted) or by swapping the whole folder.
   */
  public record Output(long notRendered, boolean inPlace, int replaced, int deleted) {
    public static final Output NONE = new Output(0, false, 0, 0);
  }

  /**
   * Trigger rankings carried over from the last build's index, and asked of this build's, and why
   * they were or were not carried.
   */
  public record Rankings(long carried, long asked, long similarCarried, String why) {
    public static final Rankings NONE = new Rankings(0, 0, 0, "");
  }

  /** Markdown documents in the site; {@code reused} of them were not rendered again. */
  public record Documents(long total, long reused) {
    public static final Documents NONE = new Documents(0, 0);
  }

  public BuildResult {
    diagnostics = diagnostics.stream().sorted(Diagnostic.ORDER).toList();
  }

  public BuildResult(
      int skills, int pages, List<Diagnostic> diagnostics, double seconds, boolean published) {
    this(
        skills,
        pages,
        diagnostics,
        seconds,
        published,
        Optional.empty(),
        Documents.NONE,
        false,
        false,
        false,
        Rankings.NONE,
        Output.NONE,
        Patch.NONE);
  }

  public long errors() {
    return diagnostics.stream().filter(Diagnostic::isError).count();
  }

  public long warnings() {
    return diagnostics.size() - errors();
  }

  /** 0 without errors (warnings too when strict), else 1. */
  public int exitCode(boolean strict) {
    return errors() > 0 || (strict && warnings() > 0) ? 1 : 0;
  }

  /**
   * {@code 6 skills, 14 pages, 0 warnings, 0 errors in 0.41 s} ({@code 1 skill}, {@code 1 warning},
   * …).
   */
  public String summary() {
    return String.format(
        java.util.Locale.ROOT,
        "%s, %s, %s, %s in %.2f s",
        count(skills, "skill"),
        count(pages, "page"),
        count(warnings(), "warning"),
        count(errors(), "error"),
        seconds);
  }

  /** {@code 1 warning}, {@code 2 warnings}. */
  public static String count(long n, String noun) {
    return count(n, noun, noun + "s");
  }

  /** {@code 1 query}, {@code 2 queries}. */
  public static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
