package io.stackelgrid.checkpoint;

import io.stackelgrid.scenario.Scenario;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Identifies a run a checkpoint belongs to: scenario name, SHA-256 of its full configuration, seed, days. */
public final class RunFingerprint {
  private RunFingerprint() {}

  public static String of(Scenario scenario, long seed, int days) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(scenario.renderConfig().getBytes(StandardCharsets.UTF_8));
      return scenario.name() + " config " + HexFormat.of().formatHex(h, 0, 8) + " seed " + seed + " days " + days;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
