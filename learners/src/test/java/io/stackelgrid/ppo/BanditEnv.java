package io.stackelgrid.ppo;

/** A one-step continuous bandit: reward −(a − optimum)², constant observation, every step ends. */
final class BanditEnv implements Env {
  private final int copies;
  private final double optimum;

  BanditEnv(int copies, double optimum) {
    this.copies = copies;
    this.optimum = optimum;
  }

  @Override
  public int numEnvs() {
    return copies;
  }

  @Override
  public int observationSize() {
    return 1;
  }

  @Override
  public int actionSize() {
    return 1;
  }

  @Override
  public void reset(float[] observationsOut) {
    java.util.Arrays.fill(observationsOut, 1f);
  }

  @Override
  public void step(float[] actions, EnvStep out) {
    for (int e = 0; e < copies; e++) {
      double err = actions[e] - optimum;
      out.rewards[e] = -err * err;
      out.done[e] = true;
      out.truncated[e] = false;
      out.observations[e] = 1f;
    }
  }
}
