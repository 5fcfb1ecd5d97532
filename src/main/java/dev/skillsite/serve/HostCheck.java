package dev.skillsite.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The DNS rebinding defence of a server on loopback: a page of another site open in the same
 * browser can point its own host name at 127.0.0.1 and read the dev server as that site, so
 * requests must name the server as {@code localhost}, {@code 127.0.0.1}, {@code [::1]} or the
 * address it is bound to (with any port). A server bound to another address was exposed on purpose
 * and checks nothing. A request without a {@code Host} header (HTTP/1.0 tools; browsers always send
 * one) is let through.
 */
final class HostCheck {
  private final Optional<Set<String>> allowed;

  private HostCheck(Optional<Set<String>> allowed) {
    this.allowed = allowed;
  }

  /** The check for a server bound to {@code bind} (a name or address literal). */
  static HostCheck forBind(String bind) {
    boolean loopback;
    try {
      InetAddress a = InetAddress.getByName(bind);
      loopback = a.isLoopbackAddress();
    } catch (UnknownHostException e) {
      loopback = false;
    }
    if (!loopback) {
      return new HostCheck(Optional.empty());
    }
    String own = bind.toLowerCase(Locale.ROOT);
    own =
        own.contains(":") && !own.startsWith("[")
            ? "[" + own + "]"
            : own; // an IPv6 literal as Host writes it
    return new HostCheck(Optional.of(Set.copyOf(List.of("localhost", "127.0.0.1", "[::1]", own))));
  }

  /** Whether a request with this {@code Host} header (absent: null) may be answered. */
  boolean allows(String host) {
    if (allowed.isEmpty() || host == null) {
      return true;
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon >= 0 && colon > h.lastIndexOf(']')) { // a port: digits only
      String port = h.substring(colon + 1);
      if (port.isEmpty()
          || port.length() > 5
          || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return false;
      }
      h = h.substring(0, colon);
    }
    if (h.endsWith(".")) { // localhost. is localhost
      h = h.substring(0, h.length() - 1);
    }
    return allowed.get().contains(h);
  }
}
