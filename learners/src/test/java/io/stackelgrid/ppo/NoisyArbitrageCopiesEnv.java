package io.stackelgrid.ppo;

/**
 * {@link StorageArbitrageEnv}'s storage owner, one household per copy, with prices scaled by noise
 * drawn from the copy's own stream (seeded by salt and copy, as the leader's world copies draw their
 * weather): copies differ, and a copy that read another's stream would change the result. Yields the
 * thread after every step so copies on several threads interleave.
 */
final class NoisyArbitrageCopiesEnv implements Env {
  private final int copy;
  private final int copies;
  private final long salt;
  private final Rng noise;
  private double soc;
  private int time;

  NoisyArbitrageCopiesEnv(int copy, int copies, long salt) {
    this.copy = copy;
    this.copies = copies;
    this.salt = salt;
    this.noise = new Rng(Rng.mix(salt, copy));
  }

  @Override
  public int numEnvs() {
    return 1;
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
  public int rolloutCopies() {
    return copies;
  }

  @Override
  public Env rolloutCopy(int k) {
    return new NoisyArbitrageCopiesEnv(k, copies, salt);
  }

  @Override
  public long rolloutCopySalt() {
    return salt;
  }

  @Override
  public void reset(float[] o) {
    soc = 0;
    time = 0;
    observe(o);
  }

  @Override
  public void step(float[] actions, EnvStep out) {
    double[] r = StorageArbitrageEnv.apply(soc, actions[0]);
    double price = StorageArbitrageEnv.PRICES[time % 8] * (1 + 0.3 * noise.nextGaussian());
    out.rewards[0] = -price * r[0];
    soc = r[1];
    time++;
    out.done[0] = time >= 8;
    out.truncated[0] = false;
    if (out.done[0]) {
      soc = 0;
      time = 0;
    }
    observe(out.observations);
    Thread.yield();
  }

  private void observe(float[] o) {
    java.util.Arrays.fill(o, 0, 9, 0f);
    o[time % 8] = 1f;
    o[8] = (float) soc;
  }
}
