package io.stackelgrid.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.random.SplitMix64;
import org.junit.jupiter.api.Test;

/** MODEL.md §3: the affine map of actions onto the feasible interval, and the clipping variant. */
class ActionMapTest {
  @Test
  void everyFeasibleMoveStaysInsideTheIntervalAndTheEndsAreTheBounds() {
    SplitMix64 rng = new SplitMix64(11);
    for (double uMax : new double[] {1.0, 0.5, 0.25}) {
      for (int i = 0; i < 10_000; i++) {
        double x = rng.nextDouble();
        double a = 3 * rng.nextDouble() - 1.5;
        double lo = Math.max(-x, -uMax);
        double hi = Math.min(1 - x, uMax);
        double u = ActionMap.FEASIBLE.move(x, a, uMax);
        assertTrue(u >= lo - 1e-15 && u <= hi + 1e-15, "x " + x + ", a " + a + ": u " + u);
        double after = x + u;
        assertTrue(after >= -1e-15 && after <= 1 + 1e-15, "SoC stays in [0, 1]");
      }
      double x = 0.3;
      assertEquals(Math.max(-x, -uMax), ActionMap.FEASIBLE.move(x, -1, uMax), 1e-15, "a = -1: lo");
      assertEquals(Math.min(1 - x, uMax), ActionMap.FEASIBLE.move(x, 1, uMax), 1e-15, "a = +1: hi");
      assertEquals(Math.max(-x, -uMax), ActionMap.FEASIBLE.move(x, -7, uMax), 1e-15, "clamped below");
    }
  }

  @Test
  void withFullRateTheActionIsTheTargetState() {
    for (double x : new double[] {0, 0.1, 0.5, 0.9, 1}) {
      for (double a : new double[] {-1, -0.5, 0, 0.4, 1}) {
        assertEquals((a + 1) / 2, x + ActionMap.FEASIBLE.move(x, a, 1.0), 1e-15);
      }
    }
  }

  @Test
  void anEmptyBatteryMovesUnderTheFeasibleMapButIgnoresDischargeWhenClipped() {
    // The clipped map's dead state: at x = 0 every a <= 0 gives u = 0, so the action has no effect.
    assertEquals(0.0, ActionMap.CLIP.move(0, -0.8, 1.0), 0.0);
    assertEquals(0.0, ActionMap.CLIP.move(0, -0.1, 1.0), 0.0);
    double u1 = ActionMap.FEASIBLE.move(0, -0.8, 1.0);
    double u2 = ActionMap.FEASIBLE.move(0, -0.1, 1.0);
    assertTrue(u2 > u1 && u1 > 0, "distinct actions give distinct moves: " + u1 + ", " + u2);
  }

  @Test
  void clipMatchesTheStorageRule() {
    SplitMix64 rng = new SplitMix64(5);
    for (int i = 0; i < 1000; i++) {
      double x = rng.nextDouble();
      double a = 3 * rng.nextDouble() - 1.5;
      assertEquals(Storage.clip(x, a, 0.7), ActionMap.CLIP.move(x, a, 0.7), 0.0);
    }
  }
}
