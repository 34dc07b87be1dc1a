package io.stackelgrid.finitegame;

/**
 * A {@link FiniteGame} over joint states s = (sL, sF): joint transitions
 * P(s'|s, aL, aF) = P_L(sL'|…)·P_F(sF'|…) and rewards indexed [s][aL][aF].
 */
final class JointGame {
  final FiniteGame game;
  final int states;
  final int leaderActions;
  final int followerActions;
  final int followerStates;
  final double[][][][] transition;
  final double[][][] rewardLeader;
  final double[][][] rewardFollower;

  JointGame(FiniteGame game) {
    this.game = game;
    int nL = game.leader().states();
    followerStates = game.follower().states();
    states = nL * followerStates;
    leaderActions = game.leader().actions();
    followerActions = game.follower().actions();
    transition = new double[states][leaderActions][followerActions][states];
    rewardLeader = new double[states][leaderActions][followerActions];
    rewardFollower = new double[states][leaderActions][followerActions];
    for (int sL = 0; sL < nL; sL++) {
      for (int sF = 0; sF < followerStates; sF++) {
        int s = sL * followerStates + sF;
        for (int aL = 0; aL < leaderActions; aL++) {
          for (int aF = 0; aF < followerActions; aF++) {
            rewardLeader[s][aL][aF] = game.rewardLeader()[sL][sF][aL][aF];
            rewardFollower[s][aL][aF] = game.rewardFollower()[sF][sL][aF][aL];
            for (int nextL = 0; nextL < nL; nextL++) {
              for (int nextF = 0; nextF < followerStates; nextF++) {
                transition[s][aL][aF][nextL * followerStates + nextF] =
                    game.transitionLeader()[sL][aL][aF][nextL]
                        * game.transitionFollower()[sF][aF][aL][nextF];
              }
            }
          }
        }
      }
    }
  }

  int followerStateOf(int s) {
    return s % followerStates;
  }

  int leaderStateOf(int s) {
    return s / followerStates;
  }

  /**
   * The follower's reward including the mean-field term Σ coef·μ(sF~, aF~); {@code mu} is
   * indexed [sF~ × actions + aF~] and may be null (no mean field).
   */
  double followerReward(int s, int aL, int aF, double[] mu) {
    double r = rewardFollower[s][aL][aF];
    if (mu != null && game.hasMeanField()) {
      double[][] coef = game.meanFieldRewardFollower()[followerStateOf(s)][aF];
      for (int t = 0; t < followerStates; t++) {
        for (int b = 0; b < followerActions; b++) {
          r += coef[t][b] * mu[t * followerActions + b];
        }
      }
    }
    return r;
  }
}
