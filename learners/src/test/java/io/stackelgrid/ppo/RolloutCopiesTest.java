package io.stackelgrid.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.common.StackelgridException;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rollout from K copies of an environment (MODEL.md §10): segments in copy order, advantages per
 * copy, copy 0 on the learner's own stream, and parameters that depend on K but not on threads.
 */
class RolloutCopiesTest {
  private static final double GAMMA = 0.9;
  private static final double LAMBDA = 0.8;
  private static final long SEED = 5;

  private static Rollout collect(int copies, int size, int rollouts, int threads) {
    Rollout buf = new Rollout(size, 3, 1);
    try (RolloutCollector c = new RolloutCollector("test", SEED, new FixedNets(), new Rng(SEED), GAMMA, LAMBDA)) {
      c.setThreads(threads);
      c.begin(new CountingCopiesEnv(0, copies));
      for (int r = 0; r < rollouts; r++) {
        c.collect(buf, new float[0], new float[0], new float[] {0f});
      }
    }
    return buf;
  }

  @Test
  void segmentsComeInCopyOrderAndAdvantagesNeverCrossACopy() {
    int copies = 3;
    int rows = 4;
    // The second of two rollouts: each copy continues its own episodes from step 4.
    Rollout buf = collect(copies, copies * rows, 2, 2);
    for (int c = 0; c < copies; c++) {
      int length = CountingCopiesEnv.episodeLength(c);
      double[] reward = new double[rows];
      float[] value = new float[rows + 1];
      boolean[] ends = new boolean[rows];
      for (int t = 0; t <= rows; t++) {
        int step = rows + t;
        // What copy c observes before its step-th step: (c, step in episode, step).
        value[t] = FixedNets.valueOf(new float[] {c, step % length, step}, 0);
        if (t == rows) {
          break;
        }
        int row = c * rows + t;
        assertArrayEquals(new float[] {c, step % length, step},
            Arrays.copyOfRange(buf.observations, 3 * row, 3 * row + 3), "row " + row);
        assertEquals(1000.0 * c + step, buf.rewards[row], "row " + row);
        assertEquals(step % length == 0, buf.episodeStarts[row], "row " + row);
        assertEquals(value[t], buf.values[row], "row " + row);
        reward[t] = 1000.0 * c + step;
        ends[t] = (step + 1) % length == 0;
      }
      // GAE by its definition, Σ_l (γλ)^l δ_{t+l} up to the episode's or the segment's end, the
      // segment's last step bootstrapping from copy c's own next observation (value[rows]).
      for (int t = 0; t < rows; t++) {
        double advantage = 0;
        double weight = 1;
        for (int u = t; u < rows; u++) {
          double delta = reward[u] + (ends[u] ? 0 : GAMMA * value[u + 1]) - value[u];
          advantage += weight * delta;
          if (ends[u]) {
            break;
          }
          weight *= GAMMA * LAMBDA;
        }
        int row = c * rows + t;
        assertEquals(advantage, buf.advantages[row], 1e-9, "copy " + c + " step " + t);
        assertEquals(advantage + value[t], buf.returns[row], 1e-9, "copy " + c + " step " + t);
      }
    }
  }

  @Test
  void copyZeroIsTheSingleEnvironmentAndOtherCopiesDrawFromTheirOwnStreams() {
    int copies = 3;
    int rows = 4;
    Rollout three = collect(copies, copies * rows, 1, 3);
    Rollout one = collect(1, rows, 1, 3);
    assertArrayEquals(one.observations, Arrays.copyOf(three.observations, 3 * rows));
    assertArrayEquals(one.actions, Arrays.copyOf(three.actions, rows));
    assertArrayEquals(one.logProbs, Arrays.copyOf(three.logProbs, rows));
    assertArrayEquals(one.advantages, Arrays.copyOf(three.advantages, rows));
    // Mean 0, std 1: an action is the draw itself. Copy 0 draws from the learner's stream (seeded by
    // its seed), copy k from the stream of (seed, salt 7, k).
    for (int c = 0; c < copies; c++) {
      Rng stream = new Rng(c == 0 ? SEED : RolloutCollector.copySeed(SEED, 7, c));
      for (int t = 0; t < rows; t++) {
        assertEquals((float) stream.nextGaussian(), three.actions[c * rows + t], "copy " + c + " step " + t);
      }
    }
    assertNotEquals(RolloutCollector.copySeed(SEED, 7, 1), RolloutCollector.copySeed(SEED, 8, 1));
    assertNotEquals(RolloutCollector.copySeed(SEED, 7, 1), RolloutCollector.copySeed(SEED, 7, 2));
  }

  private static PpoConfig config(int rolloutSteps) {
    return PpoConfig.fromMap(Map.of("name", "copies", "engine", "java", "seed", 11L,
        "rolloutSteps", rolloutSteps, "batchSize", 16, "epochs", 2));
  }

  private static PolicyParams learn(int copies, int threads) {
    try (PpoLearner l = new PpoLearner(config(64), new NoisyArbitrageCopiesEnv(0, copies, 3))) {
      l.setRolloutThreads(threads);
      l.learn(128);
      // A second call starts the copies afresh from the same environment.
      l.learn(64);
      return l.exportParams();
    }
  }

  @Test
  void parametersDependOnTheNumberOfCopiesNotOnThreads() {
    PolicyParams oneThread = learn(4, 1);
    assertEquals(oneThread, learn(4, 4), "4 copies on 4 threads");
    assertEquals(oneThread, learn(4, 2), "4 copies on 2 threads");
    assertFalse(Arrays.equals(oneThread.policyParams(), learn(1, 1).policyParams()), "K = 4 differs from K = 1");
    assertFalse(Arrays.equals(oneThread.policyParams(), learn(2, 2).policyParams()), "K = 4 differs from K = 2");
  }

  @Test
  void copiesThatDoNotDivideTheRolloutAreRefusedNamingBothNumbers() {
    StackelgridException e = assertThrows(StackelgridException.class,
        () -> new PpoLearner(config(64), new NoisyArbitrageCopiesEnv(0, 5, 3)));
    assertTrue(e.getMessage().contains("rolloutSteps 64") && e.getMessage().contains("5 rollout copies"),
        e.getMessage());
    assertThrows(StackelgridException.class, () -> new PpoLearner(config(64), new NoisyArbitrageCopiesEnv(0, 0, 3)));
    try (PpoLearner l = new PpoLearner(config(64), new NoisyArbitrageCopiesEnv(0, 4, 3))) {
      String m = assertThrows(StackelgridException.class, () -> l.setEnv(new NoisyArbitrageCopiesEnv(0, 3, 3)))
          .getMessage();
      assertTrue(m.contains("rolloutSteps 64") && m.contains("3 rollout copies"), m);
    }
  }
}
