package io.stackelgrid.game;

import io.stackelgrid.household.Observation;
import io.stackelgrid.household.Storage;
import io.stackelgrid.ppo.Env;
import io.stackelgrid.ppo.EnvStep;
import io.stackelgrid.random.SplitMix64;
import io.stackelgrid.tariff.Bills;

/**
 * The representative prosumer's environment (MODEL.md §6): episodes of {@code episodeSteps} from a
 * SoC drawn from μ^n, prices from the belief (one household does not move the LMP), reward
 * −(energy part of the bill)/rewardScale. Vectorised over identical copies.
 */
public final class FollowerEnv implements Env {
  private final FollowerProblem p;
  private final int copies;
  private final SplitMix64 rng;
  private final double[] soc;
  private final int[] elapsed;
  private final double[] cumulativeMass;

  public FollowerEnv(FollowerProblem problem, int copies) {
    this.p = problem;
    this.copies = copies;
    this.rng = new SplitMix64(problem.seed());
    soc = new double[copies];
    elapsed = new int[copies];
    cumulativeMass = new double[problem.socMass().length];
    double sum = 0;
    for (int j = 0; j < cumulativeMass.length; j++) {
      sum += problem.socMass()[j];
      cumulativeMass[j] = sum;
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
    return Observation.SIZE;
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
    int perDay = p.demandKwh().length;
    for (int i = 0; i < copies; i++) {
      int h = (p.startHour() + elapsed[i]) % perDay;
      double u = p.actionMap().move(soc[i], actions[i], p.maxAction());
      double netKwh = p.demandKwh()[h] + Storage.gridKwh(u, p.storageKwh(), p.efficiency());
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
    double r = rng.nextDouble() * cumulativeMass[cumulativeMass.length - 1];
    int j = 0;
    while (j < cumulativeMass.length - 1 && cumulativeMass[j] <= r) {
      j++;
    }
    soc[i] = (double) j / (cumulativeMass.length - 1);
  }

  private double price(int hour) {
    double b = p.beliefUsdPerMwh()[hour];
    return Double.isNaN(b) ? 0 : b;
  }

  private void observe(int i, float[] out) {
    int perDay = p.demandKwh().length;
    int h = (p.startHour() + elapsed[i]) % perDay;
    double[] path = p.busMeanSocPath();
    double busSoc = path.length == 0 ? soc[i] : path[Math.min(elapsed[i], path.length - 1)];
    Observation.fill(out, i * Observation.SIZE, h, soc[i], p.shape()[h], p.beliefUsdPerMwh()[h],
        p.beliefUsdPerMwh()[(h + 1) % perDay], p.priceScaleUsdPerMwh(), p.tariff().buyAddOnUsdPerKwh(),
        p.tariff().sellAddOnUsdPerKwh(), p.bounds(), busSoc);
  }
}
