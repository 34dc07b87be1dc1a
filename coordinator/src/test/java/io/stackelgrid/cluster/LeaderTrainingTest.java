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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A remote leader best response, its world and learner rebuilt each time from the request (state
 * and warm checkpoint, through the message's bytes), equals the local leader learner trained on in
 * place against copies of the learning world, call after call; with one environment and with two
 * rollout copies ({@code learning.leader.env-copies}), whose weather and actions come from (seed,
 * period, copy) and so survive the rebuild.
 */
class LeaderTrainingTest {
  static final Scenario SCENARIO = FollowerTrainingTest.SCENARIO;
  static final long SEED = 9;

  private static List<String> overrides(int copies) {
    List<String> out = new ArrayList<>(FollowerTrainingTest.OVERRIDES);
    out.add("learning.leader.env-copies=" + copies);
    return out;
  }

  private static GameSettings game(int copies) {
    return GameSettings.of(ScenarioLoader.load("three-bus", ScenarioLoader.parseOverrides(overrides(copies))));
  }

  /** Leader environments of three period boundaries of one learning world with learned followers. */
  private static List<LeaderEnv> envs(GameSettings game) {
    World w = new World(SCENARIO, WorldSettings.of(SCENARIO), new WorldOptions("baseline", true, true, SEED),
        Tariff.initial(SCENARIO));
    for (int n = 0; n < w.layout().busCount(); n++) {
      FollowerProblem shape = FollowerProblem.of(w, n, w.belief(), new double[0], game, 0);
      try (PpoLearner l = LearnerFactory.follower(game, SEED, n, shape)) {
        w.setPolicy(n, LearnedPolicy.of(l.exportParams()));
      }
    }
    TariffCodec codec = new TariffCodec(SCENARIO.tariff(), w.layout().groupCount(), TariffCodec.Centre.INITIAL);
    List<LeaderEnv> out = new ArrayList<>();
    LeaderState state = new LeaderState(0, 1, w.tariff());
    for (int k = 0; k < 3; k++) {
      out.add(new LeaderEnv(w.copy(), codec, state, game));
      for (int t = 0; t < SCENARIO.clock().stepsPerPeriod(); t++) {
        w.advance();
      }
      var p = w.closePeriodIfDone(false);
      state = new LeaderState(p.eeiGapPp(), p.revenueRatio(), w.tariff());
    }
    return out;
  }

  /** A training on a leader learner rebuilt on {@code host} from the problem as it travels, which must succeed. */
  private static Trained train(ScenarioCache cache, int copies, LeaderEnv env, PpoCheckpoint warmOrNull,
      String host) {
    LearnerTraining.Loaded loaded = cache.load("three-bus", overrides(copies));
    try (PpoLearner l = LearnerTraining.build(loaded, SEED, env.problem())) {
      if (warmOrNull != null) {
        l.restoreCheckpoint(warmOrNull);
      }
      return (Trained) LearnerTraining.train(l, l.exportCheckpoint(), loaded, SEED, 2, env.problem(), host);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void threeRebuiltTrainingsEqualOneLeaderTrainedInPlace(int copies) throws Exception {
    GameSettings game = game(copies);
    List<LeaderEnv> envs = envs(game);
    assertEquals(copies, envs.get(0).rolloutCopies());
    PpoCheckpoint inPlace;
    try (PpoLearner l = LearnerFactory.leader(game, SEED, envs.get(0))) {
      for (LeaderEnv e : envs) {
        l.setEnv(e);
        l.learn(game.budgetSteps());
      }
      inPlace = l.exportCheckpoint();
    }
    ScenarioCache training = new ScenarioCache();
    PpoCheckpoint warm = null;
    List<PpoCheckpoint> states = new ArrayList<>();
    for (LeaderEnv e : envs(game)) {
      Trained r = train(training, copies, e, warm, "test-host");
      assertEquals(LearnerFactory.LEADER, r.learner());
      warm = r.state();
      states.add(warm);
    }
    assertEquals(inPlace, warm, "parameters, Adam moments, RNG state and step counts");
    assertTrue(warm.params().updates() >= 3, "it trained");
    // A retry of the last request from the same warm state, on a fresh host, gives the same learner.
    Trained retried = train(new ScenarioCache(), copies, envs(game).get(2), states.get(1), "b");
    assertEquals(warm, retried.state());
    assertNotEquals(states.get(1), states.get(2), "the last training moved the learner");
  }
}
