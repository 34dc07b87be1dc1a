package io.stackelgrid.cluster;

import io.stackelgrid.game.LeaderEnv;
import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.proto.PolicyParams;
import io.stackelgrid.proto.RemoteTrainLeader;
import io.stackelgrid.proto.RemoteTrainReply;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.scenario.WorldSettings;

/**
 * One remote leader best response, as a function: the learning world is rebuilt from the request's
 * state (μ, beliefs, tariff, step, the followers' policies), the leader's environment on it, the
 * learner from the seed and the request's warm state; trained for the budget, its new state returned.
 * As for the followers ({@link FollowerTraining}), this equals continuing the local learner in place.
 */
public final class LeaderTraining {
  private final FollowerTraining scenarios;

  /** @param scenarios shares its loaded scenarios (one load per member and scenario) */
  public LeaderTraining(FollowerTraining scenarios) {
    this.scenarios = scenarios;
  }

  /** Trains the request's leader; a failed training answers with the warm policy and the cause. */
  public RemoteTrainReply train(RemoteTrainLeader request, String host) {
    SchemaVersions.require(request.getSchemaVersion(), "RemoteTrainLeader", "coordinator");
    long t0 = System.nanoTime();
    FollowerTraining.Loaded l = scenarios.load(request.getScenario(), request.getOverridesList());
    LeaderEnv env = LeaderProblem.fromMessage(request.getWorld())
        .env(l.scenario(), WorldSettings.of(l.scenario()), l.game());
    RemoteTrainReply.Builder reply = RemoteTrainReply.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
        .setRequestId(request.getRequestId()).setAttempt(request.getAttempt()).setLearner(LearnerFactory.LEADER)
        .setHost(host);
    try (PpoLearner learner = LearnerFactory.leader(l.game(), request.getSeed(), env)) {
      // The fresh learner's policy is the answer if its first training fails.
      PolicyParams fresh = learner.exportParams();
      if (request.hasWarm()) {
        learner.restoreCheckpoint(request.getWarm());
      }
      try {
        learner.learn(l.game().budgetSteps());
        reply.setState(learner.exportCheckpoint()).setParams(learner.exportParams());
      } catch (RuntimeException e) {
        reply.setFailure("learner " + LearnerFactory.LEADER + " failed on " + host + " (seed " + request.getSeed()
            + ", period " + request.getPeriod() + "): " + e + "; answered with its last good parameters");
        reply.setParams(request.hasWarm() ? request.getWarm().getParams() : fresh);
      }
    }
    return reply.setTrainNanos(System.nanoTime() - t0).build();
  }
}
