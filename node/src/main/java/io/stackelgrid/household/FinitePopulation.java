package io.stackelgrid.household;

import io.stackelgrid.meanfield.SocGrid;
import io.stackelgrid.random.Normal;
import io.stackelgrid.random.SplitMix64;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.Triangular;
import java.util.Arrays;

/**
 * Finite-N mode of MODEL.md §5: every prosumer with its own SoC and daily ξ in primitive arrays
 * (one index per household, cohorts contiguous). Consumers have no state; a consumer group's energy
 * is linear in its households' ξ, so each day keeps only Σξ over the group's households.
 * Draws are counter-based on (seed, purpose, day or step, household id): worlds with the same seed
 * see the same ξ whatever their policies (common random numbers).
 */
public final class FinitePopulation implements HouseholdModel {
  private final GroupLayout layout;
  private final Triangular xiNoise;
  private final boolean noise;
  private final boolean spread;
  private final double maxAction;
  private final double efficiency;
  private final ActionMap actionMap;
  private final long xiKey;
  private final long actionKey;
  private final int[] cohortStart;
  private final double[] soc;
  private final double[] xi;
  private final long[] ids;
  private final double[] consumerXiSum;
  private final double[] cohortMeanSoc;
  private final long[] simulated;
  private final double[] weight;

  /**
   * @param noise false: every ξ at the mode of its distribution
   * @param spread true: each household draws u ~ N(mean, std); false: every one takes the mean
   */
  public FinitePopulation(Scenario scenario, GroupLayout layout, long seed, boolean noise, boolean spread) {
    this(scenario, layout, seed, noise, spread, 1.0);
  }

  /**
   * @param sampleFraction simulated households per real one: group g simulates
   *     round(count·fraction) households (at least 1), each weighted to stand for count/simulated
   */
  public FinitePopulation(Scenario scenario, GroupLayout layout, long seed, boolean noise, boolean spread,
      double sampleFraction) {
    this.layout = layout;
    simulated = new long[layout.groupCount()];
    weight = new double[layout.groupCount()];
    for (int g = 0; g < simulated.length; g++) {
      long count = layout.count(g);
      simulated[g] = count == 0 ? 0 : Math.max(1, Math.round(count * sampleFraction));
      weight[g] = simulated[g] == 0 ? 0 : (double) count / simulated[g];
    }
    this.xiNoise = scenario.householdNoise();
    this.noise = noise;
    this.spread = spread;
    this.maxAction = scenario.households().maxAction();
    this.efficiency = scenario.households().storageEfficiency();
    this.actionMap = scenario.households().actionMap();
    this.xiKey = SplitMix64.derive(seed, "household-noise");
    this.actionKey = SplitMix64.derive(seed, "household-action");
    long socKey = SplitMix64.derive(seed, "initial-soc");
    int cohorts = layout.cohortCount();
    cohortStart = new int[cohorts + 1];
    long total = 0;
    for (int c = 0; c < cohorts; c++) {
      cohortStart[c] = (int) total;
      total += simulated[layout.cohortGroup(c)];
      if (total > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("finite-N mode holds at most 2^31 prosumers; "
            + scenario.origin() + " has " + total + " (population-scale too large)");
      }
    }
    cohortStart[cohorts] = (int) total;
    soc = new double[(int) total];
    xi = new double[(int) total];
    ids = new long[(int) total];
    for (int c = 0; c < cohorts; c++) {
      long first = firstId(layout.cohortGroup(c));
      for (int i = cohortStart[c]; i < cohortStart[c + 1]; i++) {
        ids[i] = first + (i - cohortStart[c]);
        soc[i] = SplitMix64.uniform(socKey, 0, ids[i]);  // SoC uniform on [0, 1] [D]
      }
    }
    consumerXiSum = new double[layout.groupCount()];
    cohortMeanSoc = new double[cohorts];
    for (int c = 0; c < cohorts; c++) {
      double sum = 0;
      for (int i = cohortStart[c]; i < cohortStart[c + 1]; i++) {
        sum += soc[i];
      }
      int n = cohortStart[c + 1] - cohortStart[c];
      cohortMeanSoc[c] = n == 0 ? 0 : sum / n;
    }
  }

  /**
   * Identity of a group's first simulated household for the counter-based draws: the group's
   * physical numbering when at most its count is simulated, else a range of its own.
   */
  private long firstId(int g) {
    return simulated[g] <= layout.count(g) ? layout.firstHouseholdId(g) : ((long) (g + 1) << 40);
  }

  /** Number of prosumers simulated one by one. */
  public int prosumerCount() {
    return soc.length;
  }

  /** The SoC of prosumer i of cohort c (for tests). */
  public double soc(int cohort, int i) {
    return soc[cohortStart[cohort] + i];
  }

  /**
   * The empirical SoC distribution of cohort c on {@code grid}'s bins (each simulated prosumer's
   * mass 1/n split between the two bin centres around its SoC, mass and mean preserved) into
   * {@code out}: the μ a mean-field shadow of this population starts from.
   */
  public void socHistogram(int cohort, SocGrid grid, double[] out) {
    Arrays.fill(out, 0);
    int n = cohortStart[cohort + 1] - cohortStart[cohort];
    for (int i = cohortStart[cohort]; i < cohortStart[cohort + 1]; i++) {
      grid.deposit(out, soc[i], 1.0 / n);
    }
  }

  @Override
  public void startDay(int day) {
    for (int i = 0; i < xi.length; i++) {
      xi[i] = noise ? xiNoise.quantile(SplitMix64.uniform(xiKey, day, ids[i])) : xiNoise.mode();
    }
    for (int g = 0; g < layout.groupCount(); g++) {
      if (layout.prosumer(g)) {
        continue;
      }
      long n = simulated[g];
      if (!noise) {
        consumerXiSum[g] = n * xiNoise.mode() * weight[g];
        continue;
      }
      long first = firstId(g);
      double sum = 0;
      for (long i = 0; i < n; i++) {
        sum += xiNoise.quantile(SplitMix64.uniform(xiKey, day, first + i));
      }
      consumerXiSum[g] = sum * weight[g];
    }
  }

  @Override
  public void act(StepTime time, ActionPlan[] plansByAggregator, GroupFlows out) {
    out.clear();
    for (int g = 0; g < layout.groupCount(); g++) {
      if (!layout.prosumer(g)) {
        double e = layout.demandKwh(g, time.hour()) * consumerXiSum[g];
        out.netKwh[g] = e;
        out.importKwh[g] = e;
      }
    }
    for (int c = 0; c < layout.cohortCount(); c++) {
      int g = layout.cohortGroup(c);
      ActionPlan plan = plansByAggregator[layout.groupAggregator(g)];
      actCohort(c, g, time.step(), layout.demandKwh(g, time.hour()), plan, out);
    }
  }

  private void actCohort(int c, int g, int step, double demandKwh, ActionPlan plan, GroupFlows out) {
    double capacity = layout.group(g).storageKwh();
    double charge = capacity / efficiency;
    double discharge = capacity * efficiency;
    double std = spread ? plan.std() : 0.0;
    boolean constant = plan.constant();
    double constantMean = plan.mean(0);
    double net = 0;
    double imports = 0;
    double exports = 0;
    double storage = 0;
    double uMax = maxAction;
    double socSum = 0;
    boolean feasible = actionMap == ActionMap.FEASIBLE && !plan.moves();
    for (int i = cohortStart[c], end = cohortStart[c + 1]; i < end; i++) {
      double x = soc[i];
      double u = constant ? constantMean : plan.meanAt(x);
      if (std > 0) {
        u += std * Normal.quantile(Math.max(SplitMix64.uniform(actionKey, step, ids[i]), 0x1.0p-54));
      }
      double lo = x > uMax ? -uMax : -x;
      double hi = 1 - x > uMax ? uMax : 1 - x;
      u = feasible ? ActionMap.feasible(u, lo, hi) : (u < lo ? lo : (u > hi ? hi : u));
      soc[i] = x + u;
      socSum += x + u;
      double gKwh = u >= 0 ? u * charge : u * discharge;
      double e = demandKwh * xi[i] + gKwh;
      storage += gKwh;
      net += e;
      if (e >= 0) {
        imports += e;
      } else {
        exports -= e;
      }
    }
    double w = weight[g];
    out.netKwh[g] = net * w;
    out.importKwh[g] = imports * w;
    out.exportKwh[g] = exports * w;
    out.storageKwh[g] = storage * w;
    int n = cohortStart[c + 1] - cohortStart[c];
    cohortMeanSoc[c] = n == 0 ? 0 : socSum / n;
  }

  @Override
  public double cohortMeanSoc(int cohort) {
    return cohortMeanSoc[cohort];
  }
}
