package io.stackelgrid.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each LMP equals the change of the optimal cost per extra unit of load at that bus, by central
 * differences of ±1e-3 MW, on random loads. Buses where the two one-sided differences disagree sit
 * on a kink (a degenerate dual, not unique) and are skipped; most buses must be checked.
 */
class FiniteDifferenceTest {
  private static final double STEP_MW = 1e-3;

  @ParameterizedTest
  @CsvSource({"case3_lmbd, 11, false, 0.8, 1.2", "case14_ieee, 12, false, 0.8, 1.2",
      "case30_ieee__api, 13, true, 0.85, 1.0", "case5_pjm, 14, true, 0.8, 1.2",
      "case118_ieee, 15, false, 0.9, 1.1"})
  void lmpIsMarginalCostOfLoad(String caseName, long seed, boolean needsBindingLine, double lowScale,
      double highScale) {
    Grid grid = MatpowerCase.load(caseName);
    SplittableRandom random = new SplittableRandom(seed);
    double[] load = grid.busLoads();
    for (int n = 0; n < load.length; n++) {
      load[n] *= lowScale + (highScale - lowScale) * random.nextDouble();
    }
    DcOpf opf = new DcOpf(grid, DispatchSettings.defaults());
    Dispatch base = opf.solve(0, load);
    int binding = 0;
    for (boolean b : base.lineBinding()) {
      binding += b ? 1 : 0;
    }
    if (needsBindingLine) {
      assertTrue(binding > 0, caseName + " should have a binding line at these loads");
    }
    int checked = 0;
    for (int n = 0; n < grid.busCount(); n++) {
      double up = costWith(opf, load, n, STEP_MW);
      double down = costWith(opf, load, n, -STEP_MW);
      double forward = (up - base.cost()) / STEP_MW;
      double backward = (base.cost() - down) / STEP_MW;
      if (Math.abs(forward - backward) > 1e-3) {
        continue; // a kink: the price here is not unique
      }
      assertEquals((up - down) / (2 * STEP_MW), base.lmp()[n], 1e-3,
          caseName + " bus " + grid.busName(n));
      checked++;
    }
    assertTrue(checked >= 0.8 * grid.busCount(), caseName + ": only " + checked + " buses checked");
  }

  private static double costWith(DcOpf opf, double[] load, int bus, double delta) {
    double[] l = load.clone();
    l[bus] += delta;
    return opf.solve(1, l).cost();
  }
}
