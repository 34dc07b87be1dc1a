package io.stackelgrid.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Binding and degenerate cases: a congested line, a generator at its bound, a bus with no generator,
 * and a bus exporting (negative net load). Prices are checked against central differences of the
 * optimal cost, an independent truth.
 */
class EdgeCasesTest {

  private static double fdPrice(DcOpf opf, double[] load, double[] cap, int bus) {
    double h = 1e-3;
    double[] up = load.clone();
    double[] down = load.clone();
    up[bus] += h;
    down[bus] -= h;
    return (opf.solve(1, up, cap).cost() - opf.solve(2, down, cap).cost()) / (2 * h);
  }

  @Test
  void bindingLineSeparatesPricesAndSitsAtItsLimit() {
    // Table 1's base loads with a 40 MWh/step limit on l2 congest the three-bus grid at night.
    Scenario s = ScenarioLoader.load("three-bus-base-load", Map.of("grid.lines",
        "[{name = l1, from = b1, to = b3, r-pu = 0.065, x-pu = 0.62, limit = 100},"
            + "{name = l2, from = b3, to = b2, r-pu = 0.025, x-pu = 0.75, limit = 40},"
            + "{name = l3, from = b1, to = b2, r-pu = 0.042, x-pu = 0.90, limit = 100}]"));
    Grid grid = s.grid();
    DcOpf opf = new DcOpf(grid, s.dispatch());
    double[] load = s.baselineBusLoad(0);
    double[] cap = grid.pMaxAt(0, null);
    Dispatch d = opf.solve(0, load, cap);
    int binding = 0;
    for (int l = 0; l < grid.lineCount(); l++) {
      if (d.lineBinding()[l]) {
        binding++;
        assertEquals(grid.lineRate(l), Math.abs(d.flow()[l]), 1e-6, "binding line " + grid.lineName(l));
      }
    }
    assertTrue(binding > 0, "expected a binding line");
    double spread = 0;
    for (int n = 0; n < 3; n++) {
      spread = Math.max(spread, Math.abs(d.lmp()[n] - d.lmp()[0]));
      assertEquals(fdPrice(opf, load, cap, n), d.lmp()[n], 1e-3, "bus " + grid.busName(n));
      assertEquals(d.lmp()[n] - d.energy(), d.congestion()[n], 1e-12);
    }
    assertTrue(spread > 1, "LMPs should differ across a binding line, spread " + spread);
    // b3 has no generator at night: its price comes only from the network.
    assertEquals(0.0, cap[grid.generatorIndex("solar")]);
  }

  @Test
  void generatorAtItsBoundDoesNotSetThePrice() {
    // g2 capped at 2 MW (6 MWh per 3-hour step): it runs flat out and the price is g1's marginal cost, above g2's.
    Scenario s = ScenarioLoader.load("three-bus", Map.of("grid.generators",
        "[{name = g1, bus = b1, c2 = 0.2, c1 = 5, c0 = 0, p-min = 0, p-max = 2000},"
            + "{name = g2, bus = b2, c2 = 0.2, c1 = 4, c0 = 0, p-min = 0, p-max = 2}]"));
    Grid grid = s.grid();
    DcOpf opf = new DcOpf(grid, s.dispatch());
    double[] load = s.baselineBusLoad(0);
    Dispatch d = opf.solve(0, load, null);
    double total = load[0] + load[1] + load[2];
    assertEquals(6.0, d.generation()[1], 1e-7);
    double p1 = total - 6.0;
    assertEquals(0.4 * p1 + 5, d.lmp()[0], 1e-6);
    assertTrue(d.lmp()[1] > 0.4 * 6 + 4, "price above g2's marginal cost at its bound");
    for (int n = 0; n < 3; n++) {
      assertEquals(fdPrice(opf, load, null, n), d.lmp()[n], 1e-3);
    }
  }

  @Test
  void exportingBusBelowSpillPriceIsPricedBySpill() {
    // b3 exports 250 MWh/step but l1 and l2 carry at most 200 together: the rest is spilled, and the
    // price at b3 is minus the spill cost (the value of one more unit consumed there).
    Scenario s = ScenarioLoader.load("three-bus");
    Grid grid = s.grid();
    DcOpf opf = new DcOpf(grid, s.dispatch());
    double[] load = {5, 5, -250};
    Dispatch d = opf.solve(0, load, grid.pMaxAt(0, null));
    assertTrue(d.spill()[2] > 1, "spill at b3: " + d.spill()[2]);
    assertEquals(-s.dispatch().spillCostUsdPerMwh(), d.lmp()[2], 1e-6);
    assertEquals(fdPrice(opf, load, grid.pMaxAt(0, null), 2), d.lmp()[2], 0.02);
    double net = 0;
    for (int n = 0; n < 3; n++) {
      net += d.load()[n] - d.shed()[n] + d.spill()[n];
    }
    double gen = 0;
    for (double p : d.generation()) {
      gen += p;
    }
    assertEquals(net, gen, 1e-6, "balance with spill");
  }

  @Test
  void modestExportIsAbsorbedAtAPositivePrice() {
    Scenario s = ScenarioLoader.load("three-bus");
    Grid grid = s.grid();
    DcOpf opf = new DcOpf(grid, s.dispatch());
    double[] load = {20, 15, -10};
    double[] cap = grid.pMaxAt(0, null);
    Dispatch d = opf.solve(0, load, cap);
    assertEquals(0.0, d.totalSpill(), 1e-9);
    for (int n = 0; n < 3; n++) {
      assertEquals(fdPrice(opf, load, cap, n), d.lmp()[n], 1e-3);
    }
    // Uncongested: one price, from equal marginal costs of g1 and g2 serving 25 MWh.
    assertEquals((0.4 * 25 + 9) / 2, d.lmp()[2], 1e-6);
  }

  @Test
  void loadAboveCapacityIsShedAtVoll() {
    Scenario s = ScenarioLoader.load("three-bus");
    Grid grid = s.grid();
    DcOpf opf = new DcOpf(grid, s.dispatch());
    // The case a 10^6-household world hit: far more load than the 3 500 MWh/step of capacity.
    double[] load = {4082.2537, 4011.6646, 511.2447};
    Dispatch d = opf.solve(47, load, new double[] {2000, 1500, 0, 0});
    double shed = d.totalShed();
    assertEquals(load[0] + load[1] + load[2] - 3500, shed, 1e-4);
    for (int n = 0; n < 3; n++) {
      if (d.shed()[n] > 1e-6) {
        assertEquals(s.dispatch().vollUsdPerMwh(), d.lmp()[n], 1e-9, "bus " + n);
      }
    }
  }
}
