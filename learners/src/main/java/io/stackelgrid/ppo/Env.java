package io.stackelgrid.ppo;

/**
 * A vectorised environment: {@link #numEnvs()} copies with float observations and continuous
 * actions, stepped together so one batched policy forward pass serves all of them.
 *
 * <p>Arrays are flat and row-major: observations {@code [numEnvs × observationSize]}, actions
 * {@code [numEnvs × actionSize]}. A copy whose episode ends resets itself inside {@link #step} and
 * reports the first observation of its next episode (Stable-Baselines3's VecEnv convention).
 *
 * <p>An environment may also offer {@link #rolloutCopies()} independent copies of itself (MODEL.md
 * §10, the leader's {@code env-copies}): the learner then collects each rollout as that many
 * segments, one per copy, stepped in parallel and joined in copy order.
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

  /**
   * Independent copies a rollout is collected from (Stable-Baselines3's {@code n_envs} over
   * whole environments): K segments of rolloutSteps/K rows, copy k's in the k-th. 1: this one alone.
   */
  default int rolloutCopies() {
    return 1;
  }

  /**
   * Copy {@code k} (1 ≤ k < {@link #rolloutCopies()}) of this environment, which is copy 0: same
   * sizes, its own state and its own draws, so copies can step on different threads.
   */
  default Env rolloutCopy(int k) {
    throw new UnsupportedOperationException("this environment has no rollout copies");
  }

  /**
   * What tells this environment's copies from those of earlier calls (the leader's: its period): the
   * learner samples copy k ≥ 1's actions from a stream seeded by its own seed, this and k.
   */
  default long rolloutCopySalt() {
    return 0;
  }
}
