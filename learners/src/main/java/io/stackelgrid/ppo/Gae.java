package io.stackelgrid.ppo;

/**
 * GAE(λ) advantages and returns over a rollout of vector steps, as Stable-Baselines3's
 * RolloutBuffer computes them: row = step × numEnvs + copy; {@code episodeStarts[row]} marks the
 * first step of an episode; the last step bootstraps from {@code lastValues} unless it ended one.
 */
final class Gae {
  private Gae() {}

  static void compute(int size, int numEnvs, double[] rewards, float[] values,
      boolean[] episodeStarts, float[] lastValues, boolean[] lastDones, double gamma,
      double lambda, double[] advantagesOut, double[] returnsOut) {
    compute(0, size, numEnvs, rewards, values, episodeStarts, lastValues, lastDones, gamma, lambda,
        advantagesOut, returnsOut);
  }

  /**
   * The same over rows {@code [first, first + size)} only: one segment of a rollout joined from
   * several environments, which never bootstraps from a row outside it.
   */
  static void compute(int first, int size, int numEnvs, double[] rewards, float[] values,
      boolean[] episodeStarts, float[] lastValues, boolean[] lastDones, double gamma,
      double lambda, double[] advantagesOut, double[] returnsOut) {
    int vectorSteps = size / numEnvs;
    for (int e = 0; e < numEnvs; e++) {
      double lastGae = 0;
      for (int t = vectorSteps - 1; t >= 0; t--) {
        int row = first + t * numEnvs + e;
        double nextNonTerminal;
        double nextValue;
        if (t == vectorSteps - 1) {
          nextNonTerminal = lastDones[e] ? 0 : 1;
          nextValue = lastValues[e];
        } else {
          int next = row + numEnvs;
          nextNonTerminal = episodeStarts[next] ? 0 : 1;
          nextValue = values[next];
        }
        double delta = rewards[row] + gamma * nextValue * nextNonTerminal - values[row];
        lastGae = delta + gamma * lambda * nextNonTerminal * lastGae;
        advantagesOut[row] = lastGae;
        returnsOut[row] = lastGae + values[row];
      }
    }
  }
}
