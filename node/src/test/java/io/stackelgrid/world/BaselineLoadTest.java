package io.stackelgrid.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaselineLoadTest {
  // MODEL.md §3, typed in from the table rather than read from the scenario.
  private static final double[] PROSUMERS = {1000, 500, 300};
  private static final double CONSUMERS = 3000;
  private static final double S = (1000 * 30 + 500 * 60 + 300 * 100 + 9000 * 10) / 10800.0;
  private static final double[] CONSUMER = {0.557, 0.470, 0.793, 0.893, 0.950, 0.997, 0.990, 0.810};
  private static final double[] PROSUMER = {0.563, 0.557, 0.633, 0.673, 0.670, 0.710, 0.800, 0.733};

  @ParameterizedTest(name = "mean field = {0}")
  @ValueSource(booleans = {true, false})
  void noNoiseBaselineBusLoadsAreTheTableTimesShapesTimesS(boolean meanField) {
    World w = TestWorlds.world(Map.of(), "baseline", meanField, false, 3);
    for (int t = 0; t < 5 * 8; t++) {
      StepRecord r = w.advance();
      int h = t % 8;
      for (int n = 0; n < 3; n++) {
        // Per-step demand input: shape × S kWh per household and step.
        double kwh = (CONSUMERS * CONSUMER[h] + PROSUMERS[n] * PROSUMER[h]) * S;
        assertEquals(kwh / 1000, r.loadMwh()[n], 1e-9, "step " + t + " bus " + n);
        assertEquals(kwh, r.householdNetKwh()[n], 1e-6);
        assertEquals(0.0, r.baseLoadMwh()[n], 0.0);
      }
    }
  }

  @Test
  void baseLoadVariantAddsThreeHoursOfTableOneLoads() {
    World w = TestWorlds.world(Map.of("grid.base-load-scale", "1"), "baseline", true, false, 3);
    StepRecord r = w.advance();
    double[] baseMw = {110, 110, 95};
    for (int n = 0; n < 3; n++) {
      double kwh = (CONSUMERS * CONSUMER[0] + PROSUMERS[n] * PROSUMER[0]) * S;
      assertEquals(3 * baseMw[n] + kwh / 1000, r.loadMwh()[n], 1e-9);
    }
  }

  @Test
  void noNoiseMeanFieldAndFiniteNBaselinesAgreeOnEveryPriceAndBill() {
    World mf = TestWorlds.world(Map.of(), "baseline", true, false, 3);
    World fn = TestWorlds.world(Map.of(), "baseline", false, false, 3);
    SimulationResult a = Simulation.run(mf, 6, null);
    SimulationResult b = Simulation.run(fn, 6, null);
    for (int t = 0; t < a.steps().size(); t++) {
      for (int n = 0; n < 3; n++) {
        assertEquals(a.steps().get(t).lmpUsdPerMwh()[n], b.steps().get(t).lmpUsdPerMwh()[n], 1e-6);
      }
    }
    for (int g = 0; g < 6; g++) {
      assertEquals(a.eeiPct()[g], b.eeiPct()[g], 1e-9);
    }
  }
}
