package io.stackelgrid.finitegame;

/**
 * A finite Stackelberg Markov game (MODEL.md §7), arrays indexed as in the game file:
 * {@code transitionLeader[sL][aL][aF][sL']}, {@code transitionFollower[sF][aF][aL][sF']},
 * {@code rewardLeader[sL][sF][aL][aF]}, {@code rewardFollower[sF][sL][aF][aL]}. The optional
 * {@code meanFieldRewardFollower[sF][aF][sF~][aF~]} adds Σ coef·μ(sF~, aF~) to the follower's
 * reward (the MF extension, Definition 2.3); null means no mean-field dependence.
 */
public record FiniteGame(
    Side leader,
    Side follower,
    double[][][][] transitionLeader,
    double[][][][] transitionFollower,
    double[][][][] rewardLeader,
    double[][][][] rewardFollower,
    double[][][][] meanFieldRewardFollower) {

  /** States, actions, discount and inverse temperature α of one player. */
  public record Side(int states, int actions, double gamma, double alpha) {}

  /** Number of joint states s = (sL, sF), indexed {@code sL × follower.states + sF}. */
  public int jointStates() {
    return leader.states() * follower.states();
  }

  public boolean hasMeanField() {
    return meanFieldRewardFollower != null;
  }

  /** The same game without its mean-field term. */
  public FiniteGame withoutMeanField() {
    return new FiniteGame(leader, follower, transitionLeader, transitionFollower, rewardLeader,
        rewardFollower, null);
  }
}
