package dev.skillsite.cli;

import dev.skillsite.check.ProbeFactory;

/** The router the {@code check} command probes triggers with. */
final class RouterProbes {
  private RouterProbes() {}

  static ProbeFactory factory() {
    return ProbeFactory.none();
  }
}
