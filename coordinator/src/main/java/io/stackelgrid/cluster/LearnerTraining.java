package io.stackelgrid.cluster;

import io.stackelgrid.game.FollowerEnv;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.game.LearnerProblem;
import io.stackelgrid.learner.LearnerActor.Reply;
import io.stackelgrid.learner.LearnerActor.Trained;
import io.stackelgrid.learner.LearnerActor.TrainingFailed;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioDigest;
import io.stackelgrid.scenario.WorldSettings;

/**
 * One best response of a resident learner (a follower's or the leader's), as functions: the learner
 * built from the scenario and seed, its environment made from the problem, its training for the
 * budget. A learner's whole state is its checkpoint (learn() resets its environment), so training a
 * learner kept in place equals training one rebuilt from its last checkpoint, on any member.
 */
final class LearnerTraining {
  private LearnerTraining() {}

  /** A scenario, its learning settings and its digest, loaded once per member. */
  record Loaded(Scenario scenario, GameSettings game, ScenarioDigest digest) {}

  /** The learner's name: follower-K (its aggregator's position) or the leader. */
  static String name(LearnerProblem problem) {
    return problem instanceof FollowerProblem f ? LearnerFactory.followerName(f.aggregator()) : LearnerFactory.LEADER;
  }

  /** A fresh learner of {@code problem}'s kind, from the seed (its environment is set before each training). */
  static PpoLearner build(Loaded l, long seed, LearnerProblem problem) {
    if (problem instanceof FollowerProblem f) {
      // The problem itself serves as the placeholder shape: only its sizes are read before setEnv.
      return LearnerFactory.follower(l.game(), seed, f.aggregator(), f);
    }
    return LearnerFactory.leader(l.game(), seed, leaderEnv(l, (LeaderProblem) problem));
  }

  /**
   * Trains {@code learner} on {@code problem} for the budget. A failed training leaves the learner
   * as it was before ({@code before}) and answers with its parameters and the cause.
   */
  static Reply train(PpoLearner learner, PpoCheckpoint before, Loaded l, long seed, int period,
      LearnerProblem problem, String host) {
    long t0 = System.nanoTime();
    String name = name(problem);
    try {
      learner.setEnv(problem instanceof FollowerProblem f
          ? new FollowerEnv(f, FollowerEnv.copiesFor(learner.config().rolloutSteps()))
          : leaderEnv(l, (LeaderProblem) problem));
      learner.learn(l.game().budgetSteps());
      return new Trained(name, period, learner.exportCheckpoint(), System.nanoTime() - t0);
    } catch (RuntimeException e) {
      learner.restoreCheckpoint(before);
      return new TrainingFailed(name, period, before.params(), "learner " + name + " failed on " + host + " (seed "
          + seed + ", period " + period + "): " + e + "; answered with its last good parameters",
          System.nanoTime() - t0);
    }
  }

  /** The leader's environment of {@code p} (copy 0 of its rollout copies). */
  static io.stackelgrid.game.LeaderEnv leaderEnv(Loaded l, LeaderProblem p) {
    return p.env(l.scenario(), WorldSettings.of(l.scenario()), l.game());
  }
}
