package io.stackelgrid.game;

import io.stackelgrid.ppo.PpoConfig;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.random.SplitMix64;

/** Builds the learners of one seed with seeds derived from the run seed and the learner's name. */
public final class LearnerFactory {
  private LearnerFactory() {}

  /** Name of the learner of the aggregator at {@code bus}. */
  public static String followerName(int bus) {
    return "follower-" + bus;
  }

  public static final String LEADER = "leader";

  /** The follower learner of {@code bus}, on a placeholder environment replaced before each call. */
  public static PpoLearner follower(GameSettings game, long seed, int bus, FollowerProblem shape) {
    PpoConfig c = game.follower().with("name", followerName(bus))
        .with("seed", SplitMix64.derive(seed, followerName(bus)));
    return new PpoLearner(c, new FollowerEnv(shape, FollowerEnv.copiesFor(c.rolloutSteps())));
  }

  /** The leader learner, on the environment of the first period. */
  public static PpoLearner leader(GameSettings game, long seed, LeaderEnv env) {
    PpoConfig c = game.leader().with("name", LEADER).with("seed", SplitMix64.derive(seed, LEADER));
    return new PpoLearner(c, env);
  }
}
