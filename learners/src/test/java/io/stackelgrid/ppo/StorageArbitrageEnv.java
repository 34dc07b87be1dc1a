package io.stackelgrid.ppo;

/**
 * A storage owner facing a known 8-step price cycle, with MODEL.md §3's storage rules: SoC x in
 * [0, 1], action u clipped to [max(−x, −uMax), min(1 − x, uMax)], grid energy u·C/η when charging
 * and u·C·η when discharging; reward −price·energy. Episodes start empty at h = 0 and last
 * {@code horizon} steps. Observation: one-hot step of day (8) and SoC.
 */
final class StorageArbitrageEnv implements Env {
  static final double[] PRICES = {2, 1, 3, 5, 2, 1, 4, 6};
  static final double EFFICIENCY = 0.8;
  static final double CAPACITY = 1.0;
  static final double MAX_STEP = 1.0;

  private final int copies;
  private final int horizon;
  private final double[] soc;
  private final int[] time;

  StorageArbitrageEnv(int copies, int horizon) {
    this.copies = copies;
    this.horizon = horizon;
    soc = new double[copies];
    time = new int[copies];
  }

  @Override
  public int numEnvs() {
    return copies;
  }

  @Override
  public int observationSize() {
    return 9;
  }

  @Override
  public int actionSize() {
    return 1;
  }

  @Override
  public void reset(float[] observationsOut) {
    for (int e = 0; e < copies; e++) {
      soc[e] = 0;
      time[e] = 0;
      observe(e, observationsOut);
    }
  }

  private void observe(int e, float[] out) {
    int base = e * 9;
    java.util.Arrays.fill(out, base, base + 9, 0f);
    out[base + time[e] % 8] = 1f;
    out[base + 8] = (float) soc[e];
  }

  /** Grid energy of moving from {@code x} by the clipped action, and the new SoC. */
  static double[] apply(double x, double action) {
    double u = Math.max(Math.max(-x, -MAX_STEP), Math.min(Math.min(1 - x, MAX_STEP), action));
    double energy = u >= 0 ? u * CAPACITY / EFFICIENCY : u * CAPACITY * EFFICIENCY;
    return new double[] {energy, x + u};
  }

  @Override
  public void step(float[] actions, EnvStep out) {
    for (int e = 0; e < copies; e++) {
      double[] r = apply(soc[e], actions[e]);
      out.rewards[e] = -PRICES[time[e] % 8] * r[0];
      soc[e] = r[1];
      time[e]++;
      out.truncated[e] = false;
      out.done[e] = time[e] >= horizon;
      if (out.done[e]) {
        soc[e] = 0;
        time[e] = 0;
      }
      observe(e, out.observations);
    }
  }

  /** Return of the deterministic (mean) policy over one episode from an empty store. */
  static double evaluate(java.util.function.BiFunction<Integer, Double, Double> policy, int horizon) {
    double x = 0;
    double total = 0;
    for (int t = 0; t < horizon; t++) {
      double[] r = apply(x, policy.apply(t % 8, x));
      total += -PRICES[t % 8] * r[0];
      x = r[1];
    }
    return total;
  }

  /**
   * Dynamic-programming optimum from an empty store over a SoC grid of step 1/gridSteps. The
   * problem is a linear program with a totally unimodular constraint matrix, so its optimum has SoC
   * in {0, 1} at every step, which the grid contains: the grid optimum is the true optimum.
   */
  static double optimum(int horizon, int gridSteps) {
    double[] next = new double[gridSteps + 1];
    for (int t = horizon - 1; t >= 0; t--) {
      double[] cur = new double[gridSteps + 1];
      for (int i = 0; i <= gridSteps; i++) {
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= gridSteps; j++) {
          double x = (double) i / gridSteps;
          double u = (double) (j - i) / gridSteps;
          if (Math.abs(u) > MAX_STEP + 1e-12) {
            continue;
          }
          double energy = u >= 0 ? u * CAPACITY / EFFICIENCY : u * CAPACITY * EFFICIENCY;
          best = Math.max(best, -PRICES[t % 8] * energy + next[j]);
          assert x >= 0;
        }
        cur[i] = best;
      }
      next = cur;
    }
    return next[0];
  }
}
