package io.stackelgrid.game;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.ppo.EnvStep;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.StepEngine;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code learning.leader.env-copies} (MODEL.md §10): copy 0 of the leader's environment is the single
 * environment, copy k plays the same world under weather of its own from (seed, period, k), a leader
 * best response depends on K and not on how many threads run the copies, and a K that does not divide
 * n-steps is refused naming the key and both numbers.
 */
class LeaderEnvCopiesTest {
  private static final Scenario SCENARIO = ScenarioLoader.load("three-bus", Map.of());
  private static final WorldSettings SETTINGS = WorldSettings.of(SCENARIO);
  private static final long SEED = 3;

  private static GameSettings game(int copies) {
    return GameSettings.of(ScenarioLoader.load("three-bus", Map.of("learning.leader.env-copies",
        String.valueOf(copies)))).withBudget(48, 48, 24);
  }

  /** The learning world at the start of period 1, its followers on fresh learned policies. */
  private static World worldAtPeriodOne(GameSettings g) {
    World w = new World(SCENARIO, SETTINGS, new WorldOptions("baseline", true, true, SEED), Tariff.initial(SCENARIO));
    for (int a = 0; a < w.layout().aggregatorCount(); a++) {
      FollowerProblem shape = FollowerProblem.of(w, a, w.belief(), new double[0], g, 0);
      try (PpoLearner l = LearnerFactory.follower(g, SEED, a, shape)) {
        w.setPolicy(a, LearnedPolicy.of(l.exportParams()));
      }
    }
    for (int t = 0; t < SCENARIO.clock().stepsPerPeriod(); t++) {
      w.advance();
    }
    return w;
  }

  private static LeaderEnv env(World w, GameSettings g) {
    return new LeaderEnv(w.copy(), g.codec(SCENARIO), new LeaderState(0, 1, w.tariff()), g);
  }

  /** Rewards (as bits) and last observation of two leader steps at the status-quo action. */
  private static long[] play(io.stackelgrid.ppo.Env env) {
    float[] obs = new float[env.observationSize()];
    env.reset(obs);
    EnvStep step = new EnvStep(1, env.observationSize());
    float[] action = new float[env.actionSize()];
    long[] out = new long[2 + env.observationSize()];
    for (int k = 0; k < 2; k++) {
      env.step(action, step);
      out[k] = Double.doubleToRawLongBits(step.rewards[0]);
    }
    for (int i = 0; i < env.observationSize(); i++) {
      out[2 + i] = Float.floatToRawIntBits(step.observations[i]);
    }
    return out;
  }

  @Test
  void copyZeroIsTheSingleEnvironmentAndEachOtherCopyHasItsOwnWeather() {
    GameSettings three = game(3);
    World w = worldAtPeriodOne(three);
    LeaderEnv env = env(w, three);
    assertEquals(1, env.period());
    assertEquals(3, env.rolloutCopies());
    assertEquals(1, env.rolloutCopySalt(), "copies' action streams are salted by the period");
    long[] single = play(env(w, game(1)));
    assertArrayEquals(single, play(env), "copy 0 plays as K = 1");
    long[] one = play(env.rolloutCopy(1));
    long[] two = play(env.rolloutCopy(2));
    assertFalse(Arrays.equals(single, one), "copy 1's weather is not the world's");
    assertFalse(Arrays.equals(one, two), "copies 1 and 2 differ");
    assertArrayEquals(one, play(env(w, three).rolloutCopy(1)), "a copy is a function of (seed, period, copy)");
    // Its weather is the one of its key: copy 1 played by hand on a world copy under that key.
    World byHand = w.copy(StepEngine.solarNoiseKey(SEED, 1, 1));
    double reward = LeaderReward.GAP.of(LeaderEnv.playPeriod(byHand, three.codec(SCENARIO).decode(new float[env.actionSize()])),
        SCENARIO.tariff().revenueRequirementUsdPerDay(), three.revenuePenalty());
    assertEquals(Double.doubleToRawLongBits(reward), one[0]);
  }

  @Test
  void copyKeysAreTheWorldsForCopyZeroAndDistinctForEveryPeriodAndCopy() {
    Set<Long> keys = new HashSet<>();
    keys.add(StepEngine.solarNoiseKey(SEED));
    for (int period = 0; period < 200; period++) {
      assertEquals(StepEngine.solarNoiseKey(SEED), StepEngine.solarNoiseKey(SEED, period, 0));
      for (int copy = 1; copy < 16; copy++) {
        assertTrue(keys.add(StepEngine.solarNoiseKey(SEED, period, copy)), "period " + period + " copy " + copy);
      }
    }
    assertNotEquals(StepEngine.solarNoiseKey(SEED, 4, 1), StepEngine.solarNoiseKey(SEED + 1, 4, 1));
  }

  @Test
  void theFollowersPoliciesThatCopiesShareActRightFromSeveralThreads() throws Exception {
    // The copies' worlds share the followers' LearnedPolicy objects and step on several threads.
    GameSettings g = game(1);
    World w = worldAtPeriodOne(g);
    LearnedPolicy policy = (LearnedPolicy) w.policy(0);
    int bins = SETTINGS.socBins();
    int size = w.engine().observation().size();
    int threads = 4;
    float[][] obs = new float[threads][bins * size];
    double[][] expected = new double[threads][bins];
    java.util.Random r = new java.util.Random(1);
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < obs[t].length; i++) {
        obs[t][i] = (float) r.nextGaussian();
      }
      policy.mean(obs[t], bins, expected[t]);
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      java.util.List<java.util.concurrent.Future<Integer>> wrong = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int me = t;
        wrong.add(pool.submit(() -> {
          double[] out = new double[bins];
          int bad = 0;
          for (int k = 0; k < 20_000; k++) {
            policy.mean(obs[me], bins, out);
            bad += Arrays.equals(out, expected[me]) ? 0 : 1;
          }
          return bad;
        }));
      }
      for (java.util.concurrent.Future<Integer> f : wrong) {
        assertEquals(0, f.get(), "evaluations that read another thread's means");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static PolicyParams leaderBestResponse(int copies, int threads) {
    GameSettings g = game(copies);
    World w = worldAtPeriodOne(g);
    try (PpoLearner leader = LearnerFactory.leader(g, SEED, env(w, g))) {
      leader.setRolloutThreads(threads);
      leader.learn(g.budgetSteps());
      return leader.exportParams();
    }
  }

  @Test
  void aLeaderBestResponseDependsOnTheCopiesNotOnTheThreads() {
    PolicyParams oneThread = leaderBestResponse(4, 1);
    assertEquals(oneThread, leaderBestResponse(4, 4), "4 copies on 4 threads");
    assertFalse(Arrays.equals(oneThread.policyParams(), leaderBestResponse(1, 1).policyParams()),
        "K = 4 learns from other rollouts than K = 1");
  }

  @Test
  void copiesThatDoNotDivideNStepsAreRefusedNamingTheKeyAndBothNumbers() {
    for (String bad : new String[] {"7", "0", "-2"}) {
      Scenario s = ScenarioLoader.load("three-bus", Map.of("learning.leader.env-copies", bad));
      String m = org.junit.jupiter.api.Assertions.assertThrows(StackelgridException.class, () -> GameSettings.of(s))
          .getMessage();
      assertTrue(m.contains("learning.leader.env-copies = " + bad) && !m.contains("\n"), m);
      if (bad.equals("7")) {
        assertTrue(m.contains("learning.ppo.n-steps = 1200"), m);
      }
    }
    assertEquals(4, GameSettings.of(ScenarioLoader.load("three-bus", Map.of("learning.leader.env-copies", "4")))
        .leaderEnvCopies());
    assertEquals(1, GameSettings.of(SCENARIO).leaderEnvCopies(), "default 1");
    // A shorter rollout asked later is checked too: 4 does not divide 50.
    String m = org.junit.jupiter.api.Assertions.assertThrows(StackelgridException.class, () -> game(4).withBudget(50, 50, 25))
        .getMessage();
    assertTrue(m.contains("learning.leader.env-copies = 4") && m.contains("learning.ppo.n-steps = 50"), m);
  }
}
