package io.stackelgrid.ppo;

/**
 * What one vectorised step returns, in buffers the learner allocates once and the environment
 * overwrites: next observations, rewards, and which copies ended their episode.
 */
public final class EnvStep {
  /** Next observation of each copy (the new episode's first one where {@link #done} is set). */
  public final float[] observations;
  /** Reward of each copy for this step. */
  public final double[] rewards;
  /** Set where the copy's episode ended in this step (terminal or truncated). */
  public final boolean[] done;
  /**
   * Set where the episode was cut by a time limit rather than ended by the task; the learner then
   * bootstraps from {@link #terminalObservations} as Stable-Baselines3 does for timeouts.
   */
  public final boolean[] truncated;
  /** Last observation of a truncated episode (only rows with {@link #truncated} set are read). */
  public final float[] terminalObservations;

  /** Buffers for {@code numEnvs} copies with observations of {@code observationSize} floats. */
  public EnvStep(int numEnvs, int observationSize) {
    observations = new float[numEnvs * observationSize];
    rewards = new double[numEnvs];
    done = new boolean[numEnvs];
    truncated = new boolean[numEnvs];
    terminalObservations = new float[numEnvs * observationSize];
  }
}
