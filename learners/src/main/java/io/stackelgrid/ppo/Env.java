package io.stackelgrid.ppo;

/**
 * A vectorised environment: {@link #numEnvs()} copies with float observations and continuous
 * actions, stepped together so one batched policy forward pass serves all of them.
 *
 * <p>Arrays are flat and row-major: observations {@code [numEnvs × observationSize]}, actions
 * {@code [numEnvs × actionSize]}. A copy whose episode ends resets itself inside {@link #step} and
 * reports the first observation of its next episode (Stable-Baselines3's VecEnv convention).
 */
public interface Env {
  /** Number of copies stepped together. */
  int numEnvs();

  /** Floats per observation of one copy. */
  int observationSize();

  /** Floats per action of one copy. */
  int actionSize();

  /** Lower bound of action dimension {@code dim}; the learner clips sampled actions to it. */
  default float actionLow(int dim) {
    return -1f;
  }

  /** Upper bound of action dimension {@code dim}. */
  default float actionHigh(int dim) {
    return 1f;
  }

  /** Starts a new episode in every copy and writes their observations. */
  void reset(float[] observationsOut);

  /** Applies one (already clipped) action per copy and fills {@code out}. */
  void step(float[] actions, EnvStep out);
}
