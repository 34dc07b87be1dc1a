package io.stackelgrid.finitegame;

import io.stackelgrid.ppo.Rng;

/**
 * A simulator of a finite game: given (s, aL, aF) it draws sL' and sF' independently and reports
 * both rewards. Sample-based learners see the game only through this.
 */
final class GameSimulator {
  private final JointGame joint;
  private final FiniteGame game;
  private final int followerStates;

  /** One sampled transition. */
  record Sample(int nextState, double rewardLeader, double rewardFollower) {}

  GameSimulator(JointGame joint) {
    this.joint = joint;
    this.game = joint.game;
    this.followerStates = game.follower().states();
  }

  /** One transition from joint state s; the follower's reward includes its mean-field term. */
  Sample step(int s, int aL, int aF, double[] mu, Rng rng) {
    int sL = s / followerStates;
    int sF = s % followerStates;
    int nextL = draw(game.transitionLeader()[sL][aL][aF], rng);
    int nextF = draw(game.transitionFollower()[sF][aF][aL], rng);
    return new Sample(nextL * followerStates + nextF, game.rewardLeader()[sL][sF][aL][aF],
        joint.followerReward(s, aL, aF, mu));
  }

  private static int draw(double[] p, Rng rng) {
    double u = rng.nextDouble();
    double c = 0;
    for (int k = 0; k < p.length; k++) {
      c += p[k];
      if (u < c) {
        return k;
      }
    }
    return p.length - 1;
  }
}
