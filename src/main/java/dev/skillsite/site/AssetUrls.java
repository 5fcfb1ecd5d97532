package dev.skillsite.site;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The address a page loads an asset by: {@code assets/NAME?v=FINGERPRINT}, the fingerprint the
 * first {@value #DIGITS} hex digits of the SHA-256 of the bytes the site's {@code assets/NAME} is
 * made from ({@link AssetCopier#source}: the file itself, or our script before its comments are
 * stripped). A browser or CDN that keeps an asset for as long as the host lets it then never takes
 * an old engine or stylesheet for the new one: a new asset has a new address (Hugo's {@code
 * resources.Fingerprint} and Vite's hashed names do the same with the hash in the file's name; here
 * in the query, so the file keeps its name for a user's templates, {@code file://} and tools that
 * read the site). The bytes are a function of the code and the user's templates folder, both in the
 * build cache's key, so a patch renders the same addresses a clean build does. Each asset is read
 * and digested when a page first asks for it, and an asset of ours (no templates folder overrides
 * it) once a process: the renderers of one patch (skill pages, lists, the health report) and a
 * resident's every patch share it.
 */
final class AssetUrls {
  /** Hex digits of the fingerprint: 40 bits, for telling an asset's versions apart. */
  static final int DIGITS = 10;

  /** The addresses of our assets (the jar's bytes), for every renderer of the process. */
  private static final Map<String, String> OURS = new ConcurrentHashMap<>();

  private final Optional<Path> userTemplates;
  private final Map<String, String> urls = new ConcurrentHashMap<>();

  AssetUrls(Optional<Path> userTemplates) {
    this.userTemplates = userTemplates;
  }

  /** The address of asset {@code name} relative to the site's root, with its fingerprint. */
  String url(String name) {
    return urls.computeIfAbsent(
        name,
        n ->
            AssetCopier.overridden(n, userTemplates)
                ? address(n, userTemplates)
                : OURS.computeIfAbsent(n, o -> address(o, Optional.empty())));
  }

  private static String address(String name, Optional<Path> userTemplates) {
    return SiteLayout.ASSETS + name + "?v=" + fingerprint(AssetCopier.source(name, userTemplates));
  }

  /** The first {@value #DIGITS} hex digits of the SHA-256 of {@code bytes}. */
  static String fingerprint(byte[] bytes) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(sha).substring(0, DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
