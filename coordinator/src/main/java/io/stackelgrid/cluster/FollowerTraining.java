package io.stackelgrid.cluster;

import io.stackelgrid.game.FollowerEnv;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.learner.LearnerActor.Reply;
import io.stackelgrid.learner.LearnerActor.Trained;
import io.stackelgrid.learner.LearnerActor.TrainingFailed;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One remote follower best response, as a function: the learner is rebuilt from the scenario and
 * seed, restored from the request's warm state, trained for the budget, and its new state returned.
 * A learner's whole state is in its checkpoint (learn() resets its environment), so this equals
 * continuing the learner in place, whichever member computes it and however often it is retried.
 */
public final class FollowerTraining {
  /** Scenarios and settings by (scenario, overrides): loaded once per member. */
  private final Map<List<String>, Loaded> loaded = new ConcurrentHashMap<>();

  record Loaded(Scenario scenario, GameSettings game) {}

  /** Trains the learner of {@code problem}'s aggregator; a failed training answers with the warm policy and the cause. */
  public Reply train(String scenario, List<String> overrides, long seed, int period, FollowerProblem problem,
      PpoCheckpoint warmOrNull, String host) {
    long t0 = System.nanoTime();
    Loaded l = load(scenario, overrides);
    String name = LearnerFactory.followerName(problem.aggregator());
    // The problem itself serves as the placeholder shape: only its sizes are read before setEnv.
    try (PpoLearner learner = LearnerFactory.follower(l.game(), seed, problem.aggregator(), problem)) {
      PolicyParams fresh = learner.exportParams();
      if (warmOrNull != null) {
        learner.restoreCheckpoint(warmOrNull);
      }
      try {
        learner.setEnv(new FollowerEnv(problem, FollowerEnv.copiesFor(learner.config().rolloutSteps())));
        learner.learn(l.game().budgetSteps());
        return new Trained(name, period, learner.exportCheckpoint(), System.nanoTime() - t0);
      } catch (RuntimeException e) {
        // As the local learner actor: the answer is the last good policy, the failure is reported.
        return new TrainingFailed(name, period, warmOrNull != null ? warmOrNull.params() : fresh,
            "learner " + name + " failed on " + host + " (seed " + seed + ", period " + period + "): " + e
                + "; answered with its last good parameters", System.nanoTime() - t0);
      }
    }
  }

  Loaded load(String scenario, List<String> overrides) {
    List<String> key = new ArrayList<>();
    key.add(scenario);
    key.addAll(overrides);
    return loaded.computeIfAbsent(List.copyOf(key), k -> {
      Scenario s = ScenarioLoader.load(scenario, ScenarioLoader.parseOverrides(overrides));
      return new Loaded(s, GameSettings.of(s));
    });
  }
}
