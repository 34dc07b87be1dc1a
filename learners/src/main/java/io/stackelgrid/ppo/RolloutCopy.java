package io.stackelgrid.ppo;

import java.util.Arrays;

/**
 * One copy of the environment during a {@link PpoLearner#learn} call: its environment, networks for
 * acting, action-sampling stream and buffers, and where its episodes stand between rollouts. It
 * writes only its own segment of a rollout, so copies may collect on different threads.
 */
final class RolloutCopy {
  private static final double HALF_LOG_2PI = PpoLoss.HALF_LOG_2PI;

  private final Env env;
  private final PolicyNetworks nets;
  private final Rng rng;
  private final int numEnvs;
  private final int observationSize;
  private final int actionSize;
  private final float[] lastObs;
  private final boolean[] lastEpisodeStarts;
  private final EnvStep step;
  private final float[] means;
  private final float[] values;
  private final float[] actions;
  private final float[] clipped;
  private final float[] terminalObs;
  private final float[] terminalValue = new float[1];
  private final float[] std;

  /** A copy on {@code env}, reset now; acts with {@code nets} and samples from {@code rng}. */
  RolloutCopy(Env env, PolicyNetworks nets, Rng rng) {
    this.env = env;
    this.nets = nets;
    this.rng = rng;
    numEnvs = env.numEnvs();
    observationSize = env.observationSize();
    actionSize = env.actionSize();
    lastObs = new float[numEnvs * observationSize];
    lastEpisodeStarts = new boolean[numEnvs];
    Arrays.fill(lastEpisodeStarts, true);
    env.reset(lastObs);
    step = new EnvStep(numEnvs, observationSize);
    means = new float[numEnvs * actionSize];
    values = new float[numEnvs];
    actions = new float[numEnvs * actionSize];
    clipped = new float[numEnvs * actionSize];
    terminalObs = new float[observationSize];
    std = new float[actionSize];
  }

  int numEnvs() {
    return numEnvs;
  }

  /**
   * Steps this copy for rows {@code [first, first + rows)} of {@code buf} with the networks' current
   * parameters and {@code logStd}, then computes the segment's GAE, bootstrapping from this copy's
   * own next observation.
   */
  void collect(Rollout buf, int first, int rows, float[] logStd, double gamma, double lambda) {
    for (int d = 0; d < actionSize; d++) {
      std[d] = (float) Math.exp(logStd[d]);
    }
    int vectorSteps = rows / numEnvs;
    for (int t = 0; t < vectorSteps; t++) {
      nets.policyMean(lastObs, numEnvs, means);
      nets.value(lastObs, numEnvs, values);
      for (int e = 0; e < numEnvs; e++) {
        double logProb = 0;
        for (int d = 0; d < actionSize; d++) {
          int k = e * actionSize + d;
          double noise = rng.nextGaussian();
          float a = (float) (means[k] + std[d] * noise);
          actions[k] = a;
          double z = (a - means[k]) / std[d];
          logProb += -0.5 * z * z - logStd[d] - HALF_LOG_2PI;
          clipped[k] = Math.min(env.actionHigh(d), Math.max(env.actionLow(d), a));
        }
        int row = first + t * numEnvs + e;
        System.arraycopy(lastObs, e * observationSize, buf.observations, row * observationSize,
            observationSize);
        System.arraycopy(actions, e * actionSize, buf.actions, row * actionSize, actionSize);
        buf.values[row] = values[e];
        buf.logProbs[row] = logProb;
        buf.episodeStarts[row] = lastEpisodeStarts[e];
      }
      env.step(clipped, step);
      for (int e = 0; e < numEnvs; e++) {
        double reward = step.rewards[e];
        if (step.done[e] && step.truncated[e]) {
          // Time-limit cut: bootstrap from the value of the observation the episode stopped at.
          System.arraycopy(step.terminalObservations, e * observationSize, terminalObs, 0, observationSize);
          nets.value(terminalObs, 1, terminalValue);
          reward += gamma * terminalValue[0];
        }
        buf.rewards[first + t * numEnvs + e] = reward;
        lastEpisodeStarts[e] = step.done[e];
      }
      System.arraycopy(step.observations, 0, lastObs, 0, lastObs.length);
    }
    nets.value(lastObs, numEnvs, values);
    Gae.compute(first, rows, numEnvs, buf.rewards, buf.values, buf.episodeStarts, values,
        lastEpisodeStarts, gamma, lambda, buf.advantages, buf.returns);
  }
}
