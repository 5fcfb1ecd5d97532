package dev.skillsite.site.view;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The 404 page, served at any depth of any host: it carries the site's stylesheet inline, allowed
 * by its hash in the page's Content-Security-Policy ({@code style-src 'self' 'sha256-…'}), so that
 * it is styled wherever a server shows it, whatever folder a missing address names. Scripts stay
 * {@code 'self'} only.
 *
 * @param css the stylesheet, as the site ships it
 * @param cssHash the CSP source of its SHA-256 ({@code 'sha256-BASE64'}, quotes included)
 */
public record NotFoundPage(String css, String cssHash) {
  public static NotFoundPage of(byte[] css) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(css);
      return new NotFoundPage(
          new String(css, StandardCharsets.UTF_8),
          "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256", e);
    }
  }
}
