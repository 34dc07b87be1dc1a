package io.stackelgrid.ppo;

/**
 * Copy {@code copy} of an environment of {@code copies} rollout copies whose every number says where
 * it comes from: observation (copy, step in episode, steps since reset), reward 1000·copy + steps
 * since reset; episodes of 3 + copy steps end (terminal, not truncated), so copies' episodes end at
 * different rows.
 */
final class CountingCopiesEnv implements Env {
  private final int copy;
  private final int copies;
  private int inEpisode;
  private int sinceReset;

  CountingCopiesEnv(int copy, int copies) {
    this.copy = copy;
    this.copies = copies;
  }

  static int episodeLength(int copy) {
    return 3 + copy;
  }

  @Override
  public int numEnvs() {
    return 1;
  }

  @Override
  public int observationSize() {
    return 3;
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
    return new CountingCopiesEnv(k, copies);
  }

  @Override
  public long rolloutCopySalt() {
    return 7;
  }

  @Override
  public void reset(float[] o) {
    inEpisode = 0;
    sinceReset = 0;
    observe(o);
  }

  @Override
  public void step(float[] actions, EnvStep out) {
    out.rewards[0] = 1000.0 * copy + sinceReset;
    inEpisode++;
    sinceReset++;
    out.done[0] = inEpisode == episodeLength(copy);
    out.truncated[0] = false;
    if (out.done[0]) {
      inEpisode = 0;
    }
    observe(out.observations);
  }

  private void observe(float[] o) {
    o[0] = copy;
    o[1] = inEpisode;
    o[2] = sinceReset;
  }
}
