package io.stackelgrid.game;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.stackelgrid.actors.WireRoundTrip;
import io.stackelgrid.ppo.EnvStep;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.random.SplitMix64;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A world rebuilt on another member from a {@link LeaderProblem} (through the wire serializer's bytes) gives the
 * leader's environment exactly the observations and rewards of a copy of the original world.
 */
class LeaderProblemTest {
  private static final Scenario SCENARIO = ScenarioLoader.load("three-bus", Map.of());
  private static final WorldSettings SETTINGS = WorldSettings.of(SCENARIO);
  private static final GameSettings GAME = GameSettings.of(SCENARIO);
  private static final long SEED = 11;
  private static ActorTestKit kit;

  @BeforeAll
  static void start() {
    kit = ActorTestKit.create();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  /** A learning world 30 steps in (beliefs filled, μ moved, mid-period) with learned followers and a non-initial tariff. */
  private static World worldInPlay() {
    World w = new World(SCENARIO, SETTINGS, new WorldOptions("baseline", true, true, SEED), Tariff.initial(SCENARIO));
    for (int n = 0; n < w.layout().busCount(); n++) {
      FollowerProblem shape = FollowerProblem.of(w, n, w.belief(), new double[0], GAME, 0);
      try (PpoLearner l = LearnerFactory.follower(GAME, SEED, n, shape)) {
        w.setPolicy(n, LearnedPolicy.of(l.exportParams()));
      }
    }
    TariffCodec codec = codec(w);
    float[] action = new float[codec.size()];
    for (int i = 0; i < action.length; i++) {
      action[i] = 0.3f - 0.1f * i;
    }
    w.setTariff(codec.decode(action));
    for (int t = 0; t < 30; t++) {
      w.advance();
    }
    return w;
  }

  private static TariffCodec codec(World w) {
    return new TariffCodec(SCENARIO.tariff(), w.layout().groupCount(), TariffCodec.Centre.INITIAL);
  }

  /** Observations and rewards (as bits) of {@code steps} leader steps under a fixed action sequence. */
  private static List<Object> play(LeaderEnv env, int steps) {
    List<Object> out = new ArrayList<>();
    float[] obs = new float[env.observationSize()];
    env.reset(obs);
    out.add(obs.clone());
    EnvStep step = new EnvStep(1, env.observationSize());
    SplitMix64 rng = new SplitMix64(5);
    float[] action = new float[env.actionSize()];
    for (int k = 0; k < steps; k++) {
      for (int i = 0; i < action.length; i++) {
        action[i] = (float) (2 * rng.nextDouble() - 1);
      }
      env.step(action, step);
      out.add(step.observations.clone());
      out.add(Double.doubleToRawLongBits(step.rewards[0]));
      out.add(step.done[0]);
    }
    return out;
  }

  @Test
  void aRebuiltWorldStepsBitForBitAsACopyOfTheOriginal() throws Exception {
    World world = worldInPlay();
    LeaderState start = new LeaderState(0.7, 0.95, Tariff.initial(SCENARIO));
    LeaderEnv local = new LeaderEnv(world.copy(), codec(world), start, GAME);
    LeaderProblem travelled = WireRoundTrip.of(kit.system(), LeaderProblem.of(world, start));
    LeaderEnv remote = travelled.env(SCENARIO, SETTINGS, GAME);
    // Past the episode's end, so the second episode (a fresh copy of the rebuilt world) is compared too.
    int steps = GAME.leaderEpisodePeriods() + 2;
    List<Object> expected = play(local, steps);
    List<Object> actual = play(remote, steps);
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      if (expected.get(i) instanceof float[] e) {
        assertArrayEquals(e, (float[]) actual.get(i), "item " + i);
      } else {
        assertEquals(expected.get(i), actual.get(i), "item " + i);
      }
    }
    assertTrue(expected.contains(Boolean.TRUE), "an episode ended inside the comparison");
    // The comparison sees the state: a fresh world (step 0, uniform μ, no beliefs) plays otherwise.
    World fresh = new World(SCENARIO, SETTINGS, world.options(), world.tariff());
    for (int n = 0; n < fresh.layout().busCount(); n++) {
      fresh.setPolicy(n, world.policy(n));
    }
    LeaderEnv other = new LeaderEnv(fresh, codec(world), start, GAME);
    List<Object> differs = play(other, steps);
    assertFalse(java.util.Arrays.equals((float[]) expected.get(0), (float[]) differs.get(0))
        && expected.get(2).equals(differs.get(2)), "a fresh world's first observation and reward differ");
  }

  @Test
  void aWorldOnBuiltInPoliciesCannotTravel() {
    World w = new World(SCENARIO, SETTINGS, new WorldOptions("baseline", true, true, SEED), Tariff.initial(SCENARIO));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> LeaderProblem.of(w, new LeaderState(0, 1, w.tariff())));
    assertTrue(e.getMessage().contains("aggregator agg-b1") && e.getMessage().contains("seed 11"), e.getMessage());
  }
}
