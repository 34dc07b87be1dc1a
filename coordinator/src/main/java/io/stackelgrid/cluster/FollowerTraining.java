package io.stackelgrid.cluster;

import io.stackelgrid.game.FollowerEnv;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.proto.RemoteTrainFollower;
import io.stackelgrid.proto.RemoteTrainReply;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
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

  /** Trains the request's learner; a failed training answers with the warm policy and the cause. */
  public RemoteTrainReply train(RemoteTrainFollower request, String host) {
    SchemaVersions.require(request.getSchemaVersion(), "RemoteTrainFollower", "coordinator");
    long t0 = System.nanoTime();
    Loaded l = load(request.getScenario(), request.getOverridesList());
    FollowerProblem problem = FollowerProblem.fromMessage(request.getProblem(), l.scenario().tariff());
    String name = LearnerFactory.followerName(problem.bus());
    RemoteTrainReply.Builder reply = RemoteTrainReply.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
        .setRequestId(request.getRequestId()).setAttempt(request.getAttempt()).setLearner(name).setHost(host);
    // The problem itself serves as the placeholder shape: only its sizes are read before setEnv.
    try (PpoLearner learner = LearnerFactory.follower(l.game(), request.getSeed(), problem.bus(), problem)) {
      if (request.hasWarm()) {
        learner.restoreCheckpoint(request.getWarm());
      }
      try {
        learner.setEnv(new FollowerEnv(problem, FollowerEnv.copiesFor(learner.config().rolloutSteps())));
        learner.learn(l.game().budgetSteps());
        reply.setState(learner.exportCheckpoint()).setParams(learner.exportParams());
      } catch (RuntimeException e) {
        // As the local learner actor: the answer is the last good policy, the failure is reported.
        reply.setFailure("learner " + name + " failed on " + host + " (seed " + request.getSeed() + ", period "
            + request.getPeriod() + "): " + e + "; answered with its last good parameters");
        reply.setParams(request.hasWarm() ? request.getWarm().getParams() : freshParams(l.game(), request.getSeed(), problem));
      }
    }
    return reply.setTrainNanos(System.nanoTime() - t0).build();
  }

  private static io.stackelgrid.proto.PolicyParams freshParams(GameSettings game, long seed, FollowerProblem problem) {
    try (PpoLearner l = LearnerFactory.follower(game, seed, problem.bus(), problem)) {
      return l.exportParams();
    }
  }

  Loaded load(String scenario, List<String> overrides) {
    List<String> key = new java.util.ArrayList<>();
    key.add(scenario);
    key.addAll(overrides);
    return loaded.computeIfAbsent(List.copyOf(key), k -> {
      Scenario s = ScenarioLoader.load(scenario, ScenarioLoader.parseOverrides(overrides));
      return new Loaded(s, GameSettings.of(s));
    });
  }
}
