package io.stackelgrid.finitegame;

import java.util.Arrays;

/**
 * The MF extension's population flow Γ over μ ∈ P(S_F × A_F) (Definition 2.3), indexed
 * [sF × actions + aF]. Leader states, which μ does not carry, are weighted uniformly [A]; with one
 * leader state this is exactly Γ(μ)(sF', aF') = Σ μ(sF, aF) Σ_aL π_L(aL) P_F(sF'|sF, aF, aL)
 * π_F(aF'|sF', ·).
 */
final class MeanFieldFlow {
  private MeanFieldFlow() {}

  static double[] uniform(JointGame g) {
    double[] mu = new double[g.followerStates * g.followerActions];
    Arrays.fill(mu, 1.0 / mu.length);
    return mu;
  }

  static double[] gamma(JointGame g, double[] mu, double[][] leaderPolicy,
      double[][][] followerPolicy) {
    int nL = g.game.leader().states();
    int nF = g.followerStates;
    int mF = g.followerActions;
    // π̄_F(aF'|sF'): the follower's action law at sF', leader state and action averaged out.
    double[][] actionLaw = new double[nF][mF];
    for (int sL = 0; sL < nL; sL++) {
      for (int sF = 0; sF < nF; sF++) {
        int s = sL * nF + sF;
        for (int aL = 0; aL < g.leaderActions; aL++) {
          for (int aF = 0; aF < mF; aF++) {
            actionLaw[sF][aF] += leaderPolicy[s][aL] * followerPolicy[s][aL][aF] / nL;
          }
        }
      }
    }
    double[] next = new double[nF * mF];
    for (int sF = 0; sF < nF; sF++) {
      for (int aF = 0; aF < mF; aF++) {
        double mass = mu[sF * mF + aF];
        if (mass == 0) {
          continue;
        }
        for (int sL = 0; sL < nL; sL++) {
          int s = sL * nF + sF;
          for (int aL = 0; aL < g.leaderActions; aL++) {
            double w = mass * leaderPolicy[s][aL] / nL;
            double[] p = g.game.transitionFollower()[sF][aF][aL];
            for (int t = 0; t < nF; t++) {
              for (int b = 0; b < mF; b++) {
                next[t * mF + b] += w * p[t] * actionLaw[t][b];
              }
            }
          }
        }
      }
    }
    return next;
  }

  static double l1(double[] a, double[] b) {
    return SoftmaxPolicies.l1(a, b);
  }
}
