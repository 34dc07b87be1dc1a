package io.stackelgrid.ppo;

/**
 * A cheap vectorised environment shaped like a follower's (15 observations, 1 action, 24-step
 * episodes), so benchmarks time the learner rather than the world.
 */
public final class CheapVectorEnv implements Env {
  private final int copies;
  private final int[] time;

  public CheapVectorEnv(int copies) {
    this.copies = copies;
    this.time = new int[copies];
  }

  @Override
  public int numEnvs() {
    return copies;
  }

  @Override
  public int observationSize() {
    return 15;
  }

  @Override
  public int actionSize() {
    return 1;
  }

  @Override
  public void reset(float[] observationsOut) {
    for (int e = 0; e < copies; e++) {
      time[e] = e % 24;
      observe(e, observationsOut);
    }
  }

  private void observe(int e, float[] out) {
    for (int k = 0; k < 15; k++) {
      out[e * 15 + k] = (float) Math.sin(0.3 * (time[e] + 1) * (k + 1));
    }
  }

  @Override
  public void step(float[] actions, EnvStep out) {
    for (int e = 0; e < copies; e++) {
      double target = Math.sin(0.5 * time[e]);
      out.rewards[e] = -(actions[e] - target) * (actions[e] - target);
      time[e]++;
      out.done[e] = time[e] % 24 == 0;
      out.truncated[e] = false;
      observe(e, out.observations);
    }
  }
}
