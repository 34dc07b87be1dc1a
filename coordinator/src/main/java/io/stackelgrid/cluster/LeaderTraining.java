package io.stackelgrid.cluster;

import io.stackelgrid.game.LeaderEnv;
import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.learner.LearnerActor.Reply;
import io.stackelgrid.learner.LearnerActor.Trained;
import io.stackelgrid.learner.LearnerActor.TrainingFailed;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.scenario.WorldSettings;
import java.util.List;

/**
 * One remote leader best response, as a function: the learning world is rebuilt from the problem's
 * state (μ, beliefs, tariff, step, the followers' policies), the leader's environment on it, the
 * learner from the seed and the warm state; trained for the budget, its new state returned. As for
 * the followers ({@link FollowerTraining}), this equals continuing the local learner in place.
 */
public final class LeaderTraining {
  private final FollowerTraining scenarios;

  /** @param scenarios shares its loaded scenarios (one load per member and scenario) */
  public LeaderTraining(FollowerTraining scenarios) {
    this.scenarios = scenarios;
  }

  /** Trains the leader; a failed training answers with the warm policy and the cause. */
  public Reply train(String scenario, List<String> overrides, long seed, int period, LeaderProblem problem,
      PpoCheckpoint warmOrNull, String host) {
    long t0 = System.nanoTime();
    FollowerTraining.Loaded l = scenarios.load(scenario, overrides);
    LeaderEnv env = problem.env(l.scenario(), WorldSettings.of(l.scenario()), l.game());
    try (PpoLearner learner = LearnerFactory.leader(l.game(), seed, env)) {
      // The fresh learner's policy is the answer if its first training fails.
      PolicyParams fresh = learner.exportParams();
      if (warmOrNull != null) {
        learner.restoreCheckpoint(warmOrNull);
      }
      try {
        learner.learn(l.game().budgetSteps());
        return new Trained(LearnerFactory.LEADER, period, learner.exportCheckpoint(), System.nanoTime() - t0);
      } catch (RuntimeException e) {
        return new TrainingFailed(LearnerFactory.LEADER, period, warmOrNull != null ? warmOrNull.params() : fresh,
            "learner " + LearnerFactory.LEADER + " failed on " + host + " (seed " + seed + ", period " + period
                + "): " + e + "; answered with its last good parameters", System.nanoTime() - t0);
      }
    }
  }
}
