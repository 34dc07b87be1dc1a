package io.stackelgrid.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On the uncongested three-bus grid every LMP equals the system λ of equal marginal costs. The
 * first reading (households' energy spread over the day) keeps the load far below the lines and lets
 * midday solar exceed it; PaperLiteralDefaultTest checks the default's prices the same way.
 */
class ThreeBusClosedFormTest {
  private static final Scenario SCENARIO = ScenarioLoader.load("three-bus-daily-demand");

  /**
   * λ from the equal-marginal-cost condition for g1 (0.2p² + 5p) and g2 (0.2p² + 4p) with no solar:
   * only g2 runs while λ < 5, i.e. total load D < 2.5; above that both run.
   */
  private static double systemLambda(double totalLoad) {
    return totalLoad < 2.5 ? 4 + 0.4 * totalLoad : (0.4 * totalLoad + 9) / 2;
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, 0.3, 0.5, 1.0, 2.0, 5.0, 20.0})
  void nightLmpsEqualSystemLambda(double loadScale) {
    // Step of day 0 has no solar, so only the two oil units can serve the load.
    double[] load = SCENARIO.baselineBusLoad(0);
    double total = 0;
    for (int n = 0; n < load.length; n++) {
      load[n] *= loadScale;
      total += load[n];
    }
    Grid grid = SCENARIO.grid();
    Dispatch d = new DcOpf(grid, SCENARIO.dispatch()).solve(0, load, grid.pMaxAt(0, null));
    double lambda = systemLambda(total);
    for (int n = 0; n < 3; n++) {
      assertEquals(lambda, d.lmp()[n], 1e-6, "LMP at " + grid.busName(n));
      assertEquals(0.0, d.congestion()[n], 1e-6);
    }
    assertEquals(lambda, d.energy(), 1e-6);
    double generated = 0;
    for (double p : d.generation()) {
      generated += p;
    }
    assertEquals(total, generated, 1e-7, "energy balance");
    for (boolean binding : d.lineBinding()) {
      assertFalse(binding);
    }
    // Each running unit produces where its marginal cost meets λ.
    double p1 = Math.max(0, (lambda - 5) / 0.4);
    double p2 = Math.max(0, (lambda - 4) / 0.4);
    assertEquals(p1, d.generation()[grid.generatorIndex("g1")], 1e-6);
    assertEquals(p2, d.generation()[grid.generatorIndex("g2")], 1e-6);
    assertEquals(0.2 * p1 * p1 + 5 * p1 + 0.2 * p2 * p2 + 4 * p2, d.cost(), 1e-6);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5})
  void middaySolarAboveLoadMakesEnergyFree(int hour) {
    // Solar capacity 2 × 30 × shape[h] exceeds the households' load, so the free units set λ ≈ 0.
    Grid grid = SCENARIO.grid();
    double[] load = SCENARIO.baselineBusLoad(hour);
    double[] cap = grid.pMaxAt(hour, null);
    double total = load[0] + load[1] + load[2];
    assertTrue(cap[grid.generatorIndex("solar")] + cap[grid.generatorIndex("solar2")] > total);
    Dispatch d = new DcOpf(grid, SCENARIO.dispatch()).solve(hour, load, cap);
    for (int n = 0; n < 3; n++) {
      // Free solar at the margin: the price is its (zero) marginal cost.
      assertEquals(0.0, d.lmp()[n], 1e-9);
    }
    assertEquals(0.0, d.generation()[grid.generatorIndex("g1")], 1e-6);
    assertEquals(0.0, d.generation()[grid.generatorIndex("g2")], 1e-6);
  }
}
