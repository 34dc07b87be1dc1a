package io.stackelgrid.finitegame;

import io.stackelgrid.ppo.Rng;

/**
 * Regularised best responses by tabular soft Q-learning from simulated transitions only: each of
 * {@code sweeps} sweeps samples every (s, aL, aF) once (a generative model) and moves Q towards
 * the soft Bellman target with the rescaled-linear step 1/(1 + (1 − γ)n). Every call restarts its
 * generator from the same seed (common random numbers), so a best response is a deterministic
 * function of the other player's policy and the outer iteration can settle.
 */
final class QLearningBestResponses implements FiniteBestResponses {
  private final JointGame g;
  private final GameSimulator simulator;
  private final int sweeps;
  private final long seed;

  QLearningBestResponses(JointGame game, int sweeps, long seed) {
    this.g = game;
    this.simulator = new GameSimulator(game);
    this.sweeps = sweeps;
    this.seed = seed;
  }

  @Override
  public double[][][] follower(double[][] leaderPolicy, double[] mu) {
    double gamma = g.game.follower().gamma();
    double alpha = g.game.follower().alpha();
    Rng rng = new Rng(Rng.mix(seed, 17));
    double[][][] q = new double[g.states][g.leaderActions][g.followerActions];
    double[][] softValue = new double[g.states][g.leaderActions];
    for (int n = 0; n < sweeps; n++) {
      double step = 1.0 / (1 + (1 - gamma) * n);
      for (int s = 0; s < g.states; s++) {
        for (int aL = 0; aL < g.leaderActions; aL++) {
          for (int aF = 0; aF < g.followerActions; aF++) {
            GameSimulator.Sample x = simulator.step(s, aL, aF, mu, rng);
            double reward = x.rewardFollower();
            double next = 0;
            for (int b = 0; b < g.leaderActions; b++) {
              next += leaderPolicy[x.nextState()][b] * softValue[x.nextState()][b];
            }
            q[s][aL][aF] += step * (reward + gamma * next - q[s][aL][aF]);
          }
          softValue[s][aL] = SoftmaxPolicies.softValue(q[s][aL], alpha);
        }
      }
    }
    double[][][] policy = new double[g.states][g.leaderActions][];
    for (int s = 0; s < g.states; s++) {
      for (int aL = 0; aL < g.leaderActions; aL++) {
        policy[s][aL] = SoftmaxPolicies.boltzmann(q[s][aL], alpha);
      }
    }
    return policy;
  }

  @Override
  public double[][] leader(double[][][] followerPolicy, double[] mu) {
    double gamma = g.game.leader().gamma();
    double alpha = g.game.leader().alpha();
    Rng rng = new Rng(Rng.mix(seed, 29));
    double[][] q = new double[g.states][g.leaderActions];
    double[] softValue = new double[g.states];
    for (int n = 0; n < sweeps; n++) {
      double step = 1.0 / (1 + (1 - gamma) * n);
      for (int s = 0; s < g.states; s++) {
        for (int aL = 0; aL < g.leaderActions; aL++) {
          // Expected over the follower's known policy; reward and next state only from samples.
          double target = 0;
          for (int aF = 0; aF < g.followerActions; aF++) {
            GameSimulator.Sample x = simulator.step(s, aL, aF, mu, rng);
            target += followerPolicy[s][aL][aF]
                * (x.rewardLeader() + gamma * softValue[x.nextState()]);
          }
          q[s][aL] += step * (target - q[s][aL]);
        }
        softValue[s] = SoftmaxPolicies.softValue(q[s], alpha);
      }
    }
    double[][] policy = new double[g.states][];
    for (int s = 0; s < g.states; s++) {
      policy[s] = SoftmaxPolicies.boltzmann(q[s], alpha);
    }
    return policy;
  }
}
