package io.stackelgrid.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.game.LeaderEnv;
import io.stackelgrid.game.LeaderState;
import io.stackelgrid.game.LearnedPolicy;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.game.TariffCodec;
import io.stackelgrid.learner.LearnerActor.Trained;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A remote leader best response, its world and learner rebuilt each time from the request (state
 * and warm checkpoint, through the message's bytes), equals the local leader learner trained on in
 * place against copies of the learning world, call after call.
 */
class LeaderTrainingTest {
  static final List<String> OVERRIDES = FollowerTrainingTest.OVERRIDES;
  static final Scenario SCENARIO = FollowerTrainingTest.SCENARIO;
  static final GameSettings GAME = FollowerTrainingTest.GAME;
  static final long SEED = 9;

  /** Leader environments of three period boundaries of one learning world with learned followers. */
  private static List<LeaderEnv> envs() {
    World w = new World(SCENARIO, WorldSettings.of(SCENARIO), new WorldOptions("baseline", true, true, SEED),
        Tariff.initial(SCENARIO));
    for (int n = 0; n < w.layout().busCount(); n++) {
      FollowerProblem shape = FollowerProblem.of(w, n, w.belief(), new double[0], GAME, 0);
      try (PpoLearner l = LearnerFactory.follower(GAME, SEED, n, shape)) {
        w.setPolicy(n, LearnedPolicy.of(l.exportParams()));
      }
    }
    TariffCodec codec = new TariffCodec(SCENARIO.tariff(), w.layout().groupCount(), TariffCodec.Centre.INITIAL);
    List<LeaderEnv> out = new ArrayList<>();
    LeaderState state = new LeaderState(0, 1, w.tariff());
    for (int k = 0; k < 3; k++) {
      out.add(new LeaderEnv(w.copy(), codec, state, GAME));
      for (int t = 0; t < SCENARIO.clock().stepsPerPeriod(); t++) {
        w.advance();
      }
      var p = w.closePeriodIfDone(false);
      state = new LeaderState(p.eeiGapPp(), p.revenueRatio(), w.tariff());
    }
    return out;
  }

  /** A training on {@code host} (the problem as it travels) that must succeed. */
  private static Trained train(LeaderTraining training, LeaderEnv env, PpoCheckpoint warmOrNull, String host) {
    return (Trained) training.train("three-bus", OVERRIDES, SEED, 2, env.problem(), warmOrNull, host);
  }

  @Test
  void threeRebuiltTrainingsEqualOneLeaderTrainedInPlace() throws Exception {
    List<LeaderEnv> envs = envs();
    PpoCheckpoint inPlace;
    try (PpoLearner l = LearnerFactory.leader(GAME, SEED, envs.get(0))) {
      for (LeaderEnv e : envs) {
        l.setEnv(e);
        l.learn(GAME.budgetSteps());
      }
      inPlace = l.exportCheckpoint();
    }
    LeaderTraining training = new LeaderTraining(new FollowerTraining());
    PpoCheckpoint warm = null;
    List<PpoCheckpoint> states = new ArrayList<>();
    for (LeaderEnv e : envs()) {
      Trained r = train(training, e, warm, "test-host");
      assertEquals(LearnerFactory.LEADER, r.learner());
      warm = r.state();
      states.add(warm);
    }
    assertEquals(inPlace, warm, "parameters, Adam moments, RNG state and step counts");
    assertTrue(warm.params().updates() >= 3, "it trained");
    // A retry of the last request from the same warm state, on a fresh host, gives the same learner.
    Trained retried = train(new LeaderTraining(new FollowerTraining()), envs().get(2), states.get(1), "b");
    assertEquals(warm, retried.state());
    assertNotEquals(states.get(1), states.get(2), "the last training moved the learner");
  }
}
