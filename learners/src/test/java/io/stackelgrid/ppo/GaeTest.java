package io.stackelgrid.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** GAE against its closed forms: λ = 1 gives Monte-Carlo returns, λ = 0 the one-step TD error. */
class GaeTest {
  // Two copies, five vector steps; copy 0 ends an episode after step 1 (a new one starts at 2).
  private static final int ENVS = 2;
  private static final int STEPS = 5;
  private static final double GAMMA = 0.9;
  private final Rng rng = new Rng(3);
  private final double[] rewards = new double[ENVS * STEPS];
  private final float[] values = new float[ENVS * STEPS];
  private final boolean[] starts = new boolean[ENVS * STEPS];
  private final float[] lastValues = {0.7f, -0.4f};
  private final boolean[] lastDones = {false, true};

  GaeTest() {
    for (int k = 0; k < rewards.length; k++) {
      rewards[k] = rng.nextGaussian();
      values[k] = (float) rng.nextGaussian();
    }
    starts[0] = true;
    starts[1] = true;
    starts[2 * ENVS] = true;
  }

  @Test
  void lambdaOneGivesDiscountedReturnsWithinEpisodes() {
    double[] adv = new double[rewards.length];
    double[] ret = new double[rewards.length];
    Gae.compute(rewards.length, ENVS, rewards, values, starts, lastValues, lastDones, GAMMA, 1.0,
        adv, ret);
    for (int e = 0; e < ENVS; e++) {
      for (int t = 0; t < STEPS; t++) {
        // Sum rewards forward until the episode ends; bootstrap from lastValues if it does not.
        double g = 0;
        double discount = 1;
        int u = t;
        while (true) {
          g += discount * rewards[u * ENVS + e];
          discount *= GAMMA;
          if (u == STEPS - 1) {
            if (!lastDones[e]) {
              g += discount * lastValues[e];
            }
            break;
          }
          if (starts[(u + 1) * ENVS + e]) {
            break;
          }
          u++;
        }
        assertEquals(g, ret[t * ENVS + e], 1e-9, "copy " + e + " step " + t);
        assertEquals(g - values[t * ENVS + e], adv[t * ENVS + e], 1e-9);
      }
    }
  }

  @Test
  void lambdaZeroGivesTheOneStepTdError() {
    double[] adv = new double[rewards.length];
    double[] ret = new double[rewards.length];
    Gae.compute(rewards.length, ENVS, rewards, values, starts, lastValues, lastDones, GAMMA, 0.0,
        adv, ret);
    // Copy 0, step 1 ends its episode: no bootstrap. Copy 0, step 2 bootstraps from step 3.
    assertEquals(rewards[1 * ENVS] - values[1 * ENVS], adv[1 * ENVS], 1e-12);
    assertEquals(rewards[2 * ENVS] + GAMMA * values[3 * ENVS] - values[2 * ENVS], adv[2 * ENVS],
        1e-12);
    // Copy 1, last step: its episode ended (lastDones), so no bootstrap from lastValues.
    int last = (STEPS - 1) * ENVS + 1;
    assertEquals(rewards[last] - values[last], adv[last], 1e-12);
  }
}
