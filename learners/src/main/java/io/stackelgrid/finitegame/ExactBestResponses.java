package io.stackelgrid.finitegame;


/** Regularised best responses by soft value iteration to 1e-12 (MODEL.md §7). */
final class ExactBestResponses implements FiniteBestResponses {
  private static final double VALUE_TOLERANCE = 1e-12;
  private static final int MAX_SWEEPS = 10_000_000;
  private final JointGame g;

  ExactBestResponses(JointGame game) {
    this.g = game;
  }

  @Override
  public double[][][] follower(double[][] leaderPolicy, double[] mu) {
    double gamma = g.game.follower().gamma();
    double alpha = g.game.follower().alpha();
    double[][] value = new double[g.states][g.leaderActions];
    double[][][] q = new double[g.states][g.leaderActions][g.followerActions];
    double[][][] reward = new double[g.states][g.leaderActions][g.followerActions];
    for (int s = 0; s < g.states; s++) {
      for (int aL = 0; aL < g.leaderActions; aL++) {
        for (int aF = 0; aF < g.followerActions; aF++) {
          reward[s][aL][aF] = g.followerReward(s, aL, aF, mu);
        }
      }
    }
    double[] expectedNext = new double[g.states];
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      for (int s = 0; s < g.states; s++) {
        double w = 0;
        for (int aL = 0; aL < g.leaderActions; aL++) {
          w += leaderPolicy[s][aL] * value[s][aL];
        }
        expectedNext[s] = w;
      }
      double change = 0;
      double scale = 1;
      for (int s = 0; s < g.states; s++) {
        for (int aL = 0; aL < g.leaderActions; aL++) {
          for (int aF = 0; aF < g.followerActions; aF++) {
            double next = 0;
            double[] p = g.transition[s][aL][aF];
            for (int t = 0; t < g.states; t++) {
              next += p[t] * expectedNext[t];
            }
            q[s][aL][aF] = reward[s][aL][aF] + gamma * next;
          }
          double v = SoftmaxPolicies.softValue(q[s][aL], alpha);
          change = Math.max(change, Math.abs(v - value[s][aL]));
          scale = Math.max(scale, Math.abs(v));
          value[s][aL] = v;
        }
      }
      if (change <= VALUE_TOLERANCE * scale) {
        double[][][] policy = new double[g.states][g.leaderActions][];
        for (int s = 0; s < g.states; s++) {
          for (int aL = 0; aL < g.leaderActions; aL++) {
            policy[s][aL] = SoftmaxPolicies.boltzmann(q[s][aL], alpha);
          }
        }
        return policy;
      }
    }
    throw new io.stackelgrid.common.RunFailedException("follower soft value iteration did not reach 1e-12");
  }

  @Override
  public double[][] leader(double[][][] followerPolicy, double[] mu) {
    double gamma = g.game.leader().gamma();
    double alpha = g.game.leader().alpha();
    double[] value = new double[g.states];
    double[][] q = new double[g.states][g.leaderActions];
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double change = 0;
      double scale = 1;
      double[] newValue = new double[g.states];
      for (int s = 0; s < g.states; s++) {
        for (int aL = 0; aL < g.leaderActions; aL++) {
          double total = 0;
          for (int aF = 0; aF < g.followerActions; aF++) {
            double next = 0;
            double[] p = g.transition[s][aL][aF];
            for (int t = 0; t < g.states; t++) {
              next += p[t] * value[t];
            }
            total += followerPolicy[s][aL][aF] * (g.rewardLeader[s][aL][aF] + gamma * next);
          }
          q[s][aL] = total;
        }
        newValue[s] = SoftmaxPolicies.softValue(q[s], alpha);
        change = Math.max(change, Math.abs(newValue[s] - value[s]));
        scale = Math.max(scale, Math.abs(newValue[s]));
      }
      value = newValue;
      if (change <= VALUE_TOLERANCE * scale) {
        double[][] policy = new double[g.states][];
        for (int s = 0; s < g.states; s++) {
          policy[s] = SoftmaxPolicies.boltzmann(q[s], alpha);
        }
        return policy;
      }
    }
    throw new io.stackelgrid.common.RunFailedException("leader soft value iteration did not reach 1e-12");
  }
}
