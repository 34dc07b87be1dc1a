package io.stackelgrid.meanfield;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stackelgrid.household.ActionMap;
import io.stackelgrid.household.Storage;
import io.stackelgrid.random.SplitMix64;
import org.junit.jupiter.api.Test;

class GammaTest {
  private static final double ETA = 0.8;
  private static final double CAPACITY = 30;

  private static double[] randomMasses(SplitMix64 rng, int bins) {
    double[] m = new double[bins];
    double sum = 0;
    for (int j = 0; j < bins; j++) {
      m[j] = rng.nextDouble();
      sum += m[j];
    }
    for (int j = 0; j < bins; j++) {
      m[j] /= sum;
    }
    return m;
  }

  private static double mean(SocGrid grid, double[] m) {
    double s = 0;
    for (int j = 0; j < m.length; j++) {
      s += m[j] * grid.centre(j);
    }
    return s;
  }

  @Test
  void preservesMassAndMovesMeanByTheExpectedClippedAction() {
    SocGrid grid = new SocGrid(50);
    Gamma gamma = new Gamma(grid, 7, 41, 1.0, ETA, ActionMap.CLIP);
    GaussHermite gh = GaussHermite.of(7);
    SplitMix64 rng = new SplitMix64(42);
    for (int trial = 0; trial < 20; trial++) {
      double[] soc = randomMasses(rng, 50);
      double[] plan = new double[50];
      for (int j = 0; j < 50; j++) {
        plan[j] = 2.4 * rng.nextDouble() - 1.2;
      }
      double std = 0.5 * rng.nextDouble();
      double[] out = new double[50];
      double[] actions = new double[41];
      double[] flows = new double[Gamma.FLOWS];
      gamma.step(soc, out, actions, plan, false, std, true, CAPACITY, 5.0, flows);

      // Independent sum over (bin, node) of the clipped actions and their grid energy.
      double meanShift = 0;
      double storage = 0;
      for (int j = 0; j < 50; j++) {
        for (int k = 0; k < gh.size(); k++) {
          double u = Storage.clip(grid.centre(j), plan[j] + std * gh.node(k), 1.0);
          meanShift += soc[j] * gh.weight(k) * u;
          storage += soc[j] * gh.weight(k) * Storage.gridKwh(u, CAPACITY, ETA);
        }
      }
      double massAfter = 0;
      for (double v : out) {
        massAfter += v;
      }
      double actionMass = 0;
      double actionMean = 0;
      for (int a = 0; a < 41; a++) {
        actionMass += actions[a];
        actionMean += actions[a] * (-1.0 + 2.0 * a / 40);
      }
      assertEquals(1.0, massAfter, 1e-14, "mass");
      assertEquals(mean(grid, soc) + meanShift, mean(grid, out), 1e-12, "mean SoC");
      assertEquals(storage, flows[Gamma.STORAGE_KWH], 1e-12, "storage energy");
      assertEquals(1.0, actionMass, 1e-14, "action histogram mass");
      assertEquals(meanShift, actionMean, 1e-12, "action histogram mean");
      for (double v : out) {
        assertEquals(true, v >= 0, "masses stay non-negative");
      }
    }
  }

  @Test
  void fullChargeSendsAllMassToFullAndDrawsTheMissingEnergyOverEta() {
    SocGrid grid = new SocGrid(50);
    Gamma gamma = new Gamma(grid, 7, 41, 1.0, ETA, ActionMap.CLIP);
    double[] soc = grid.uniform();
    double[] plan = new double[50];
    java.util.Arrays.fill(plan, 1.0);
    double[] out = new double[50];
    double[] flows = new double[Gamma.FLOWS];
    gamma.step(soc, out, null, plan, false, 0.0, true, CAPACITY, 0.0, flows);
    assertEquals(1.0, out[49], 1e-14);
    // Uniform mean 0.5: each prosumer charges 0.5·C on average, drawing 0.5·C/η from the grid.
    assertEquals(0.5 * CAPACITY / ETA, flows[Gamma.STORAGE_KWH], 1e-12);
  }

  @Test
  void realPlayMeanMovesEveryBinByItsMeanAction() {
    SocGrid grid = new SocGrid(11);
    Gamma gamma = new Gamma(grid, 7, 21, 1.0, ETA, ActionMap.CLIP);
    double[] soc = new double[11];
    soc[5] = 1.0;  // all mass at 0.5
    double[] plan = new double[11];
    java.util.Arrays.fill(plan, 0.2);
    double[] out = new double[11];
    double[] flows = new double[Gamma.FLOWS];
    gamma.step(soc, out, null, plan, false, 0.3, false, CAPACITY, 0.0, flows);
    assertEquals(1.0, out[7], 1e-14, "x' = 0.7 is a bin centre");
    gamma.step(soc, out, null, plan, false, 0.3, true, CAPACITY, 0.0, flows);
    assertEquals(true, out[7] < 0.9, "the spread moves mass off the mean");
  }


  @Test
  void feasibleMapMovesEveryPartInsideTheIntervalAndKeepsMassAndMean() {
    SocGrid grid = new SocGrid(50);
    Gamma gamma = new Gamma(grid, 7, 41, 1.0, ETA, ActionMap.FEASIBLE);
    GaussHermite gh = GaussHermite.of(7);
    SplitMix64 rng = new SplitMix64(7);
    for (int trial = 0; trial < 20; trial++) {
      double[] soc = randomMasses(rng, 50);
      double[] plan = new double[50];
      for (int j = 0; j < 50; j++) {
        plan[j] = 2.4 * rng.nextDouble() - 1.2;
      }
      double std = 0.5 * rng.nextDouble();
      double[] out = new double[50];
      double[] flows = new double[Gamma.FLOWS];
      gamma.step(soc, out, null, plan, false, std, true, CAPACITY, 5.0, flows);
      // By hand: a clamped to [-1, 1]; with uMax = 1 the move ends at SoC (a + 1)/2 from any x.
      double meanAfter = 0;
      double storage = 0;
      for (int j = 0; j < 50; j++) {
        for (int k = 0; k < gh.size(); k++) {
          double a = Math.max(-1, Math.min(1, plan[j] + std * gh.node(k)));
          double target = (a + 1) / 2;
          meanAfter += soc[j] * gh.weight(k) * target;
          storage += soc[j] * gh.weight(k) * Storage.gridKwh(target - grid.centre(j), CAPACITY, ETA);
        }
      }
      double massAfter = 0;
      for (double v : out) {
        massAfter += v;
        assertEquals(true, v >= 0, "masses stay non-negative");
      }
      assertEquals(1.0, massAfter, 1e-14, "mass");
      assertEquals(meanAfter, mean(grid, out), 1e-12, "mean SoC");
      assertEquals(storage, flows[Gamma.STORAGE_KWH], 1e-12, "storage energy");
    }
  }

  @Test
  void planOfMovesIsClippedUnderTheFeasibleMap() {
    // The baseline's u = 0 must leave the field where it is, whatever the action map.
    SocGrid grid = new SocGrid(50);
    Gamma gamma = new Gamma(grid, 7, 41, 1.0, ETA, ActionMap.FEASIBLE);
    double[] soc = randomMasses(new SplitMix64(3), 50);
    double[] out = new double[50];
    double[] flows = new double[Gamma.FLOWS];
    gamma.step(soc, out, null, new double[50], true, 0.0, true, CAPACITY, 5.0, flows);
    for (int j = 0; j < 50; j++) {
      assertEquals(soc[j], out[j], 1e-15);
    }
    assertEquals(0.0, flows[Gamma.STORAGE_KWH], 0.0);
  }
  /**
   * mean-field.action-bins shapes only the action histogram, which nothing reads (docs/CONFIG.md
   * and MODEL.md §5 say so): the next SoC masses and the flows are the same bits for 2 and 41 bins.
   * If this fails, the histogram started to act and those entries must say how.
   */
  @Test
  void actionBinsChangeNeitherTheNextMassesNorTheFlows() {
    SocGrid grid = new SocGrid(50);
    Gamma coarse = new Gamma(grid, 7, 2, 1.0, ETA, ActionMap.FEASIBLE);
    Gamma fine = new Gamma(grid, 7, 41, 1.0, ETA, ActionMap.FEASIBLE);
    SplitMix64 rng = new SplitMix64(7);
    for (int trial = 0; trial < 10; trial++) {
      double[] soc = randomMasses(rng, 50);
      double[] plan = new double[50];
      for (int j = 0; j < 50; j++) {
        plan[j] = 2 * rng.nextDouble() - 1;
      }
      double std = 0.5 * rng.nextDouble();
      double[] outCoarse = new double[50];
      double[] outFine = new double[50];
      double[] flowsCoarse = new double[Gamma.FLOWS];
      double[] flowsFine = new double[Gamma.FLOWS];
      coarse.step(soc, outCoarse, new double[2], plan, false, std, true, CAPACITY, 5.0, flowsCoarse);
      fine.step(soc, outFine, new double[41], plan, false, std, true, CAPACITY, 5.0, flowsFine);
      assertArrayEquals(outFine, outCoarse, 0.0);
      assertArrayEquals(flowsFine, flowsCoarse, 0.0);
    }
  }
}
