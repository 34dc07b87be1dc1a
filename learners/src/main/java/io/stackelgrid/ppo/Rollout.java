package io.stackelgrid.ppo;

/**
 * A PPO rollout buffer, flat and row-major. Rows come in segments, one per copy of the environment
 * ({@link Env#rolloutCopies()}) in copy order; within a segment, row = vectorStep × numEnvs + env.
 */
final class Rollout {
  final int size;
  final float[] observations;
  final float[] actions;
  final double[] rewards;
  final float[] values;
  final double[] logProbs;
  final boolean[] episodeStarts;
  final double[] advantages;
  final double[] returns;

  Rollout(int size, int observationSize, int actionSize) {
    this.size = size;
    observations = new float[size * observationSize];
    actions = new float[size * actionSize];
    rewards = new double[size];
    values = new float[size];
    logProbs = new double[size];
    episodeStarts = new boolean[size];
    advantages = new double[size];
    returns = new double[size];
  }
}
