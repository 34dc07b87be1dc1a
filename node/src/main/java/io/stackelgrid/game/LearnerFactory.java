package io.stackelgrid.game;

import io.stackelgrid.ppo.PpoConfig;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.random.SplitMix64;

/** Builds the learners of one seed with seeds derived from the run seed and the learner's name. */
public final class LearnerFactory {
  private LearnerFactory() {}

  /**
   * Name of the learner of aggregator {@code a} (its position in the table), from which its draws
   * derive: a scenario's learners keep their seeds whatever the aggregators' ids.
   */
  public static String followerName(int a) {
    return "follower-" + a;
  }

  public static final String LEADER = "leader";

  /** The follower learner of aggregator {@code a}, on a placeholder environment replaced before each call. */
  public static PpoLearner follower(GameSettings game, long seed, int a, FollowerProblem shape) {
    PpoConfig c = game.follower().with("name", followerName(a))
        .with("seed", SplitMix64.derive(seed, followerName(a)));
    return new PpoLearner(c, new FollowerEnv(shape, FollowerEnv.copiesFor(c.rolloutSteps())));
  }

  /** The leader learner, on the environment of the first period. */
  public static PpoLearner leader(GameSettings game, long seed, LeaderEnv env) {
    PpoConfig c = game.leader().with("name", LEADER).with("seed", SplitMix64.derive(seed, LEADER));
    return new PpoLearner(c, env);
  }
}
