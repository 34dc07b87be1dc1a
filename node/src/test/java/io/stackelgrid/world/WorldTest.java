package io.stackelgrid.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.scenario.ScenarioException;
import io.stackelgrid.scenario.ScenarioLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorldTest {
  private static final Map<String, String> SMALL = Map.of("households.population-scale", "0.1");

  @Test
  void sameSeedSameRunDifferentSeedDifferentRun() {
    SimulationResult a = Simulation.run(TestWorlds.world(SMALL, "rule", false, true, 11), 4, null);
    SimulationResult b = Simulation.run(TestWorlds.world(SMALL, "rule", false, true, 11), 4, null);
    SimulationResult c = Simulation.run(TestWorlds.world(SMALL, "rule", false, true, 12), 4, null);
    for (int t = 0; t < a.steps().size(); t++) {
      assertArrayEquals(a.steps().get(t).lmpUsdPerMwh(), b.steps().get(t).lmpUsdPerMwh(), 0.0);
      assertArrayEquals(a.steps().get(t).meanSoc(), b.steps().get(t).meanSoc(), 0.0);
    }
    assertNotEquals(a.steps().get(20).consumerKwh()[0], c.steps().get(20).consumerKwh()[0]);
  }

  @Test
  void baselineAndRuleWorldsShareTheirNoiseDraws() {
    // Common random numbers: policies differ, ξ and ζ do not.
    SimulationResult base = Simulation.run(TestWorlds.world(SMALL, "baseline", false, true, 5), 3, null);
    SimulationResult rule = Simulation.run(TestWorlds.world(SMALL, "rule", false, true, 5), 3, null);
    boolean anyStorage = false;
    for (int t = 0; t < base.steps().size(); t++) {
      StepRecord x = base.steps().get(t);
      StepRecord y = rule.steps().get(t);
      assertArrayEquals(x.solarAvailableMwh(), y.solarAvailableMwh(), 0.0, "ζ at step " + t);
      assertArrayEquals(x.consumerKwh(), y.consumerKwh(), 0.0, "ξ of consumers at step " + t);
      anyStorage |= !java.util.Arrays.equals(x.prosumerNetKwh(), y.prosumerNetKwh());
    }
    assertTrue(anyStorage, "the rule policy used storage");
  }

  @Test
  void ruleStoresCheapEnergyAndChargesAtMiddayInTheMeanField() {
    SimulationResult r = Simulation.run(TestWorlds.world(Map.of(), "rule", true, false, 1), 6, null);
    // Day 5: with beliefs known the rule charges in the two cheapest steps (midday solar) and
    // discharges in the two dearest; over a day the stored energy returns to the grid less losses.
    double[] shape = r.prosumerNetDemandShape();
    double[] baselineShape = Simulation.run(TestWorlds.world(Map.of(), "baseline", true, false, 1), 6, null)
        .prosumerNetDemandShape();
    int charging = 0;
    int discharging = 0;
    for (int h = 0; h < 8; h++) {
      if (shape[h] > baselineShape[h] + 1e-9) {
        charging++;
      } else if (shape[h] < baselineShape[h] - 1e-9) {
        discharging++;
      }
    }
    assertTrue(charging >= 1 && discharging >= 1, "charging steps " + charging + ", discharging " + discharging);
    assertEquals(r.periods().size(), 2);
  }

  @Test
  void aShadowCopyReplaysTheSameFutureAndLeavesTheOriginalAlone() {
    World w = TestWorlds.world(Map.of(), "rule", true, true, 21);
    Simulation.run(w, 2, null);
    World shadow = w.copy();
    SimulationResult ahead = Simulation.run(shadow, 3, null);
    assertEquals(16, w.step(), "the copy does not move the original");
    SimulationResult real = Simulation.run(w, 3, null);
    for (int t = 0; t < ahead.steps().size(); t++) {
      assertArrayEquals(real.steps().get(t).lmpUsdPerMwh(), ahead.steps().get(t).lmpUsdPerMwh(), 0.0);
      assertArrayEquals(real.steps().get(t).meanSoc(), ahead.steps().get(t).meanSoc(), 0.0);
    }
  }

  @Test
  void periodsCoverThreeDaysAndTheLastIsShorter() {
    SimulationResult r = Simulation.run(TestWorlds.world(SMALL, "baseline", true, true, 1), 7, null);
    assertEquals(3, r.periods().size());
    assertEquals(3.0, r.periods().get(0).days(), 0.0);
    assertEquals(1.0, r.lastPeriod().days(), 0.0);
    assertEquals(2, r.lastPeriod().period());
  }

  @Test
  void badInputIsAClearError() {
    StackelgridException e = assertThrows(StackelgridException.class,
        () -> TestWorlds.world(Map.of(), "greedy", true, true, 1));
    assertTrue(e.getMessage().contains("unknown policy 'greedy'"), e.getMessage());
    e = assertThrows(StackelgridException.class,
        () -> Simulation.run(TestWorlds.world(Map.of(), "baseline", true, true, 1), -2, null));
    assertTrue(e.getMessage().contains("days must be a positive number, got -2"), e.getMessage());
    ScenarioException s = assertThrows(ScenarioException.class, () -> ScenarioLoader.load("three-bus",
        Map.of("households.groups", "[{ name = far, kind = consumer, bus = b9, count = 5, income-usd-per-year = 1 }]")));
    assertTrue(s.getMessage().contains("bus 'b9'") && s.getMessage().contains("households.groups[0].bus"), s.getMessage());
  }
}
