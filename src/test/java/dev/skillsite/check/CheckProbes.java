package dev.skillsite.check;

/** The probe factory tests of real collections use. */
final class CheckProbes {
  private CheckProbes() {}

  static ProbeFactory router() {
    return ProbeFactory.none();
  }
}
