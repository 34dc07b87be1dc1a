package io.stackelgrid.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void imvIsTheMeanAbsoluteStepChange() {
    double[] lmp = {0, 10, 4, 4, 8};
    // |10| + |−6| + 0 + |4| = 20 over 4 differences
    assertEquals(5.0, Imv.of(lmp, 0, 5), 0.0);
    assertEquals(3.0, Imv.of(lmp, 1, 4), 0.0);
    assertEquals(0.0, Imv.of(lmp, 2, 3), 0.0);
  }

  @Test
  void gapIsPopulationWeightedConsumersMinusProsumersAndSpreadIsMaxMinusMin() {
    GroupLayout layout = new GroupLayout(ScenarioLoader.load("three-bus"));
    // Groups: prosumers 1000, 500, 300; consumers 3000 each.
    double[] eei = {1.0, 2.0, 4.0, 0.5, 0.7, 0.9};
    double prosumers = (1000 * 1.0 + 500 * 2.0 + 300 * 4.0) / 1800;
    double consumers = (0.5 + 0.7 + 0.9) / 3;
    assertEquals(consumers - prosumers, Equity.gapPp(layout, eei), 1e-12);
    assertEquals(3.5, Equity.incomeSpreadPp(eei), 1e-12);
  }
}
