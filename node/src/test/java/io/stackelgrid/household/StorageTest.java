package io.stackelgrid.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.random.SplitMix64;
import org.junit.jupiter.api.Test;

class StorageTest {
  private static final double ETA = 0.8;
  private static final double C = 60;

  @Test
  void fullCycleReturnsExactlyEtaSquaredOfTheEnergyIn() {
    double x = 0;
    double in = 0;
    double out = 0;
    double u = Storage.clip(x, 1.0, 1.0);
    in += Storage.gridKwh(u, C, ETA);
    x += u;
    u = Storage.clip(x, -1.0, 1.0);
    out -= Storage.gridKwh(u, C, ETA);
    x += u;
    assertEquals(0.0, x, 0.0);
    assertEquals(C / ETA, in, 1e-12);
    assertEquals(in * ETA * ETA, out, 1e-12);
  }

  @Test
  void anyClosedCycleDeliversAtMostEtaSquaredOfTheEnergyIn() {
    SplitMix64 rng = new SplitMix64(7);
    for (int trial = 0; trial < 200; trial++) {
      double x0 = rng.nextDouble();
      double x = x0;
      double in = 0;
      double out = 0;
      for (int t = 0; t < 30; t++) {
        double u = Storage.clip(x, 2.2 * rng.nextDouble() - 1.1, 0.7);
        double g = Storage.gridKwh(u, C, ETA);
        if (g >= 0) {
          in += g;
        } else {
          out -= g;
        }
        x += u;
        assertTrue(x >= -1e-15 && x <= 1 + 1e-15, "SoC stays in [0, 1]");
      }
      // Close the cycle: return to x0 in steps of at most u_max.
      while (Math.abs(x - x0) > 1e-15) {
        double u = Storage.clip(x, x0 - x, 0.7);
        double g = Storage.gridKwh(u, C, ETA);
        if (g >= 0) {
          in += g;
        } else {
          out -= g;
        }
        x += u;
      }
      assertTrue(in * ETA * ETA >= out - 1e-9, "in·η² = " + in * ETA * ETA + " < out = " + out);
    }
  }

  @Test
  void clipRespectsSocAndMaxAction() {
    assertEquals(-0.3, Storage.clip(0.3, -1.0, 1.0), 0.0);
    assertEquals(0.5, Storage.clip(0.3, 0.9, 0.5), 0.0);
    assertEquals(0.2, Storage.clip(0.8, 0.9, 1.0), 1e-15);
  }
}
