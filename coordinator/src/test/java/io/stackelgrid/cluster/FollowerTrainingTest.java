package io.stackelgrid.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.game.FollowerEnv;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.learner.LearnerActor.Trained;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A resident learner's best response, on a learner rebuilt from the scenario and its last good
 * checkpoint (as after its member left), equals the same learner trained on in place, call after call.
 */
class FollowerTrainingTest {
  static final List<String> OVERRIDES = List.of("learning.ppo.total-timesteps=48", "learning.ppo.n-steps=48",
      "learning.ppo.batch-size=24");
  static final Scenario SCENARIO = ScenarioLoader.load("three-bus", ScenarioLoader.parseOverrides(OVERRIDES));
  static final GameSettings GAME = GameSettings.of(SCENARIO);
  static final long SEED = 7;

  private static FollowerProblem problem(int bus, long envSeed) {
    World w = new World(SCENARIO, WorldSettings.of(SCENARIO), new WorldOptions("baseline", true, true, SEED),
        Tariff.initial(SCENARIO));
    for (int i = 0; i < 5 * envSeed; i++) {
      w.advance();
    }
    return FollowerProblem.of(w, bus, w.belief(), new double[0], GAME, envSeed);
  }

  /** A training on a learner rebuilt on {@code host} from {@code warmOrNull}, which must succeed: its new state. */
  static PpoCheckpoint train(ScenarioCache cache, FollowerProblem p, PpoCheckpoint warmOrNull, String host) {
    LearnerTraining.Loaded loaded = cache.load("three-bus", OVERRIDES);
    try (PpoLearner l = LearnerTraining.build(loaded, SEED, p)) {
      if (warmOrNull != null) {
        l.restoreCheckpoint(warmOrNull);
      }
      return ((Trained) LearnerTraining.train(l, l.exportCheckpoint(), loaded, SEED, 3, p, host)).state();
    }
  }

  @Test
  void threeRebuiltTrainingsEqualOneLearnerTrainedInPlace() {
    List<FollowerProblem> problems = List.of(problem(1, 1), problem(1, 2), problem(1, 3));
    PpoCheckpoint inPlace;
    try (PpoLearner l = LearnerFactory.follower(GAME, SEED, 1, problems.get(0))) {
      for (FollowerProblem p : problems) {
        l.setEnv(new FollowerEnv(p, FollowerEnv.copiesFor(l.config().rolloutSteps())));
        l.learn(GAME.budgetSteps());
      }
      inPlace = l.exportCheckpoint();
    }
    ScenarioCache cache = new ScenarioCache();
    PpoCheckpoint warm = null;
    for (FollowerProblem p : problems) {
      warm = train(cache, p, warm, "test-host");
    }
    assertEquals(inPlace, warm, "parameters, Adam moments, RNG state and step counts");
    assertTrue(warm.params().updates() >= 3, "it trained");
  }

  @Test
  void aRetryFromTheSameWarmStateGivesTheSameLearner() {
    ScenarioCache cache = new ScenarioCache();
    PpoCheckpoint first = train(cache, problem(2, 1), null, "a");
    PpoCheckpoint second = train(cache, problem(2, 2), first, "a");
    PpoCheckpoint retried = train(new ScenarioCache(), problem(2, 2), first, "b");
    assertEquals(second, retried);
    assertNotEquals(first, second, "the second training moved the learner");
  }

  @Test
  void anUnknownScenarioIsAnErrorNamingIt() {
    StackelgridException e = assertThrows(StackelgridException.class,
        () -> new ScenarioCache().load("no-such-scenario", OVERRIDES));
    assertTrue(e.getMessage().contains("no-such-scenario"), e.getMessage());
    assertFalse(e.getMessage().isBlank());
  }
}
