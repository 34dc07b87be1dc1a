package io.stackelgrid.game;

import io.stackelgrid.household.Observation;
import io.stackelgrid.household.Storage;
import io.stackelgrid.ppo.Env;
import io.stackelgrid.ppo.EnvStep;
import io.stackelgrid.random.SplitMix64;
import io.stackelgrid.tariff.Bills;

/**
 * The representative prosumer's environment (MODEL.md §6): episodes of {@code episodeSteps} from a
 * SoC drawn from μ (of a prosumer group drawn by count when the aggregator holds several), prices
 * from the belief (one household does not move the LMP), reward −(energy part of the
 * bill)/rewardScale. Vectorised over identical copies.
 */
public final class FollowerEnv implements Env {
  private final FollowerProblem p;
  private final int copies;
  private final SplitMix64 rng;
  private final Observation observation;
  private final double[] soc;
  private final int[] member;
  private final int[] elapsed;
  private final double[][] cumulativeMass;
  private final double[] cumulativeWeight;

  public FollowerEnv(FollowerProblem problem, int copies) {
    this.p = problem;
    this.copies = copies;
    this.rng = new SplitMix64(problem.seed());
    this.observation = new Observation(problem.stepsPerDay());
    soc = new double[copies];
    member = new int[copies];
    elapsed = new int[copies];
    int members = problem.members().size();
    cumulativeMass = new double[members][];
    cumulativeWeight = new double[members];
    double w = 0;
    for (int m = 0; m < members; m++) {
      double[] mass = problem.members().get(m).socMass();
      cumulativeMass[m] = new double[mass.length];
      double sum = 0;
      for (int j = 0; j < mass.length; j++) {
        sum += mass[j];
        cumulativeMass[m][j] = sum;
      }
      w += problem.members().get(m).weight();
      cumulativeWeight[m] = w;
    }
  }

  /** The largest of 8, 4, 2, 1 copies that divides a rollout of {@code rolloutSteps}. */
  public static int copiesFor(int rolloutSteps) {
    for (int c : new int[] {8, 4, 2}) {
      if (rolloutSteps % c == 0) {
        return c;
      }
    }
    return 1;
  }

  @Override
  public int numEnvs() {
    return copies;
  }

  @Override
  public int observationSize() {
    return observation.size();
  }

  @Override
  public int actionSize() {
    return 1;
  }

  @Override
  public float actionLow(int dim) {
    return (float) p.actionMap().actionLow(p.maxAction());
  }

  @Override
  public float actionHigh(int dim) {
    return (float) p.actionMap().actionHigh(p.maxAction());
  }

  @Override
  public void reset(float[] observationsOut) {
    for (int i = 0; i < copies; i++) {
      startEpisode(i);
      observe(i, observationsOut);
    }
  }

  @Override
  public void step(float[] actions, EnvStep out) {
    int perDay = p.stepsPerDay();
    for (int i = 0; i < copies; i++) {
      FollowerProblem.Member m = p.members().get(member[i]);
      int h = (p.startHour() + elapsed[i]) % perDay;
      double u = p.actionMap().move(soc[i], actions[i], p.maxAction());
      double netKwh = m.demandKwh()[h] + Storage.gridKwh(u, m.storageKwh(), p.efficiency());
      double lmp = price(h);
      double billUsd = Bills.energyUsd(Math.max(netKwh, 0), Math.max(-netKwh, 0), lmp, p.tariff());
      out.rewards[i] = -billUsd / p.rewardScaleUsd();
      soc[i] = Math.min(1, Math.max(0, soc[i] + u));
      elapsed[i]++;
      boolean end = elapsed[i] >= p.episodeSteps();
      out.done[i] = end;
      out.truncated[i] = end;
      if (end) {
        // A time limit, not a terminal state: the learner bootstraps from the last observation.
        observe(i, out.terminalObservations);
        startEpisode(i);
      }
      observe(i, out.observations);
    }
  }

  private void startEpisode(int i) {
    elapsed[i] = 0;
    int m = 0;
    if (cumulativeWeight.length > 1) {
      // Only an aggregator of several groups draws one, so one group's draws stay as they were.
      double r = rng.nextDouble() * cumulativeWeight[cumulativeWeight.length - 1];
      while (m < cumulativeWeight.length - 1 && cumulativeWeight[m] <= r) {
        m++;
      }
    }
    member[i] = m;
    double[] cumulative = cumulativeMass[m];
    double r = rng.nextDouble() * cumulative[cumulative.length - 1];
    int j = 0;
    while (j < cumulative.length - 1 && cumulative[j] <= r) {
      j++;
    }
    soc[i] = (double) j / (cumulative.length - 1);
  }

  private double price(int hour) {
    double b = p.beliefUsdPerMwh()[hour];
    return Double.isNaN(b) ? 0 : b;
  }

  private void observe(int i, float[] out) {
    int perDay = p.stepsPerDay();
    int h = (p.startHour() + elapsed[i]) % perDay;
    double[] path = p.busMeanSocPath();
    double busSoc = path.length == 0 ? soc[i] : path[Math.min(elapsed[i], path.length - 1)];
    observation.fill(out, i * observation.size(), h, soc[i], p.shape()[h], p.beliefUsdPerMwh()[h],
        p.beliefUsdPerMwh()[(h + 1) % perDay], p.priceScaleUsdPerMwh(), p.tariff().buyAddOnUsdPerKwh(),
        p.tariff().sellAddOnUsdPerKwh(), p.bounds(), busSoc);
  }
}
