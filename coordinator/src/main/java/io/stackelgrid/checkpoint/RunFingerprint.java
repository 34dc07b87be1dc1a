package io.stackelgrid.checkpoint;

import io.stackelgrid.scenario.Scenario;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Identifies a run a checkpoint belongs to: scenario name, SHA-256 of its full configuration, seed, days. */
public final class RunFingerprint {
  private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile(
      "(.*) config (\\p{XDigit}+) seed (-?\\d+) days (\\d+)(?: households (\\d+))?");

  private RunFingerprint() {}

  /**
   * What differs between two fingerprints, in words: "seed 5, not 6", "the scenario's configuration
   * (its file or the --set values) changed", ...; the raw strings when either is not one.
   */
  public static String difference(String written, String expected) {
    java.util.regex.Matcher a = FORM.matcher(written);
    java.util.regex.Matcher b = FORM.matcher(expected);
    if (!a.matches() || !b.matches()) {
      return written + ", not " + expected;
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    String[] what = {"scenario", "configuration", "seed", "days", "households"};
    for (int i = 1; i <= 5; i++) {
      String x = a.group(i) == null ? "none (mean field)" : a.group(i);
      String y = b.group(i) == null ? "none (mean field)" : b.group(i);
      if (!x.equals(y)) {
        out.add(i == 2 ? "the scenario's configuration (its file or the --set values) differs"
            : what[i - 1] + " " + x + ", not " + y);
      }
    }
    return out.isEmpty() ? written : String.join("; ", out);
  }

  public static String of(Scenario scenario, long seed, int days) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(scenario.renderConfig().getBytes(StandardCharsets.UTF_8));
      return scenario.name() + " config " + HexFormat.of().formatHex(h, 0, 8) + " seed " + seed + " days " + days;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
