package io.stackelgrid.ppo;

import java.util.Arrays;

/**
 * Everything a PPO learner needs to continue bit for bit where it stopped: its parameters, the Adam
 * moments over policy, value and log-std parameters (concatenated), its random state and the
 * environment steps collected so far.
 */
public record PpoCheckpoint(PolicyParams params, double[] adamFirstMoment, double[] adamSecondMoment,
    long adamSteps, Rng.State rng, long timesteps) {

  @Override
  public boolean equals(Object o) {
    return o instanceof PpoCheckpoint c && params.equals(c.params) && Arrays.equals(adamFirstMoment, c.adamFirstMoment)
        && Arrays.equals(adamSecondMoment, c.adamSecondMoment) && adamSteps == c.adamSteps && rng.equals(c.rng)
        && timesteps == c.timesteps;
  }

  @Override
  public int hashCode() {
    return 31 * params.hashCode() + Long.hashCode(timesteps);
  }

  @Override
  public String toString() {
    return "PpoCheckpoint[" + params + ", " + timesteps + " timesteps]";
  }
}
