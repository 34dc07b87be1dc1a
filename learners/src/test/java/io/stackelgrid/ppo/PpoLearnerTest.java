package io.stackelgrid.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.learner.PolicyWire;
import io.stackelgrid.proto.PolicyParamsMsg;
import io.stackelgrid.proto.PpoCheckpointMsg;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Learn semantics, determinism, NaN guard and parameter round trip. */
class PpoLearnerTest {

  private static PpoConfig small(String engine, long seed) {
    return PpoConfig.fromMap(Map.of("name", "test-" + engine, "engine", engine, "seed", seed,
        "rolloutSteps", 64, "batchSize", 16, "epochs", 2));
  }

  @Test
  void learnCollectsWholeRolloutsLikeStableBaselines3() {
    PpoConfig config = PpoConfig.defaults().with("engine", "java");
    try (PpoLearner learner = new PpoLearner(config, new StorageArbitrageEnv(4, 8))) {
      LearnStats stats = learner.learn(2000);
      assertEquals(2, stats.rollouts());
      assertEquals(2400, stats.timesteps());
      assertEquals(2, learner.updates());
      learner.learn(1);
      assertEquals(3, learner.updates(), "one more whole rollout, networks kept");
      assertEquals(3600, learner.timesteps());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"java", "dl4j"})
  void sameSeedGivesIdenticalParameters(String engine) {
    PolicyParams first;
    PolicyParams second;
    try (PpoLearner a = new PpoLearner(small(engine, 42), new StorageArbitrageEnv(4, 8))) {
      a.learn(192);
      first = a.exportParams();
    }
    try (PpoLearner b = new PpoLearner(small(engine, 42), new StorageArbitrageEnv(4, 8))) {
      b.learn(192);
      second = b.exportParams();
    }
    assertEquals(first, second);
    try (PpoLearner c = new PpoLearner(small(engine, 43), new StorageArbitrageEnv(4, 8))) {
      c.learn(192);
      assertFalse(Arrays.equals(first.policyParams(), c.exportParams().policyParams()), "another seed differs");
    }
  }

  @Test
  void bothEnginesStartFromTheSameParameters() {
    try (PpoLearner j = new PpoLearner(small("java", 1), new BanditEnv(2, 0.7));
        PpoLearner d = new PpoLearner(small("dl4j", 1), new BanditEnv(2, 0.7))) {
      PolicyParams a = j.exportParams();
      PolicyParams b = d.exportParams();
      assertArrayEquals(a.policyParams(), b.policyParams());
      assertArrayEquals(a.valueParams(), b.valueParams());
      assertArrayEquals(a.logStd(), b.logStd());
      assertEquals("java", j.engineName());
      assertEquals("dl4j", d.engineName());
    }
  }

  /** An environment whose rewards turn NaN after {@code goodSteps} vector steps. */
  private static final class PoisonedEnv implements Env {
    private final Env inner = new BanditEnv(2, 0.7);
    private final int goodSteps;
    private int steps;

    PoisonedEnv(int goodSteps) {
      this.goodSteps = goodSteps;
    }

    @Override
    public int numEnvs() {
      return inner.numEnvs();
    }

    @Override
    public int observationSize() {
      return 1;
    }

    @Override
    public int actionSize() {
      return 1;
    }

    @Override
    public void reset(float[] o) {
      inner.reset(o);
    }

    @Override
    public void step(float[] actions, EnvStep out) {
      inner.step(actions, out);
      if (++steps > goodSteps) {
        out.rewards[0] = Double.NaN;
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"java", "dl4j"})
  void nanStopsTrainingNamingLearnerAndUpdateAndKeepsLastGoodParameters(String engine) {
    PolicyParams afterFirst;
    try (PpoLearner clean = new PpoLearner(small(engine, 9), new PoisonedEnv(1_000_000))) {
      clean.learn(64);
      afterFirst = clean.exportParams();
    }
    // 64 transitions = 32 vector steps per rollout: the second rollout sees NaN rewards.
    try (PpoLearner poisoned = new PpoLearner(small(engine, 9), new PoisonedEnv(40))) {
      PpoTrainingException e = assertThrows(PpoTrainingException.class, () -> poisoned.learn(640));
      assertTrue(e.getMessage().contains("test-" + engine), e.getMessage());
      assertTrue(e.getMessage().contains("update 2"), e.getMessage());
      assertTrue(e.getMessage().contains("NaN"), e.getMessage());
      assertTrue(e instanceof StackelgridException);
      assertEquals(1, poisoned.updates());
      assertEquals(afterFirst, poisoned.exportParams());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"java", "dl4j"})
  void parametersRoundTripExactlyThroughBytes(String engine) {
    try (PpoLearner source = new PpoLearner(small(engine, 5), new StorageArbitrageEnv(4, 8));
        PpoLearner target = new PpoLearner(small("java", 6), new StorageArbitrageEnv(4, 8))) {
      source.learn(128);
      byte[] bytes = PolicyWire.toWire(source.exportParams()).toByteArray();
      target.importParams(PolicyWire.fromWire(PolicyParamsMsg.parseFrom(bytes)));
      PolicyParams t = target.exportParams();
      PolicyParams back = new PolicyParams(source.config().name(), source.updates(), t.policyLayerSizes(),
          t.valueLayerSizes(), t.policyParams(), t.valueParams(), t.logStd());
      assertEquals(source.exportParams(), back);
      assertArrayEquals(source.logStd(), target.logStd());
      float[] obs = EngineAgreementTest.random(50 * 9, new Rng(3));
      float[] a = new float[50];
      float[] b = new float[50];
      float[] c = new float[50];
      source.actionMean(obs, 50, a);
      target.actionMean(obs, 50, b);
      GaussianPolicy.fromParams(PolicyWire.fromWire(PolicyParamsMsg.parseFrom(bytes))).mean(obs, 50, c);
      if (engine.equals("java")) {
        assertArrayEquals(a, b);
      } else {
        for (int k = 0; k < 50; k++) {
          assertEquals(a[k], b[k], 1e-5, "DL4J float vs Java double forward");
        }
      }
      assertArrayEquals(b, c, "the acting snapshot computes what the Java engine computes");
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void importRefusesOtherShapesNamingThem() {
    try (PpoLearner a = new PpoLearner(small("java", 1), new BanditEnv(2, 0.7));
        PpoLearner b = new PpoLearner(small("java", 1).with("hidden", "8"), new BanditEnv(2, 0.7))) {
      StackelgridException e = assertThrows(StackelgridException.class,
          () -> b.importParams(a.exportParams()));
      assertTrue(e.getMessage().contains("[1, 18, 36, 1]"), e.getMessage());
    }
  }

  @Test
  void configurationFromMapUsesTable4DefaultsAndRejectsUnknownKeys() {
    PpoConfig c = PpoConfig.fromMap(Map.of("learning-rate", "1e-3", "policy-hidden", "24, 36"));
    assertEquals(1e-3, c.learningRate());
    assertArrayEquals(new int[] {24, 36}, c.policyHidden());
    assertArrayEquals(new int[] {18, 36}, c.valueHidden());
    assertEquals(0.9999, c.gamma());
    assertEquals(0.01, c.entCoef());
    assertEquals(128, c.batchSize());
    assertEquals(10, c.epochs());
    assertEquals(1200, c.rolloutSteps());
    assertEquals(0.2, c.clipRange());
    assertEquals(EngineKind.JAVA, c.resolvedEngine());
    assertEquals(EngineKind.JAVA, c.with("hidden", "128").resolvedEngine());
    assertEquals(EngineKind.DL4J, c.with("value-hidden", "256").resolvedEngine());
    StackelgridException e = assertThrows(StackelgridException.class,
        () -> PpoConfig.fromMap(Map.of("learningrat", 1)));
    assertTrue(e.getMessage().contains("learningrat"));
    assertThrows(StackelgridException.class, () -> PpoConfig.fromMap(Map.of("engine", "gpu")));
  }

  @Test
  void sampledActionsHaveThePolicysMeanAndStd() {
    try (PpoLearner learner = new PpoLearner(small("java", 2).with("logStdInit", -0.5),
        new BanditEnv(2, 0.7))) {
      GaussianPolicy policy = GaussianPolicy.fromParams(learner.exportParams());
      int n = 200_000;
      float[] obs = new float[n];
      Arrays.fill(obs, 1f);
      float[] actions = new float[n];
      policy.sample(obs, n, new Rng(8), actions);
      float[] mean = new float[1];
      policy.mean(obs, 1, mean);
      double m = 0;
      double v = 0;
      for (float a : actions) {
        m += a;
        v += a * a;
      }
      m /= n;
      v = v / n - m * m;
      assertEquals(mean[0], m, 0.01);
      assertEquals(Math.exp(-0.5), Math.sqrt(v), 0.01);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"java", "dl4j"})
  void checkpointResumesBitForBit(String engine) throws Exception {
    PolicyParams straight;
    byte[] checkpoint;
    try (PpoLearner a = new PpoLearner(small(engine, 12), new StorageArbitrageEnv(4, 8))) {
      a.learn(128);
      checkpoint = PolicyWire.toWire(a.exportCheckpoint()).toByteArray();
      a.learn(128);
      straight = a.exportParams();
    }
    try (PpoLearner b = new PpoLearner(small(engine, 99), new StorageArbitrageEnv(4, 8))) {
      b.restoreCheckpoint(PolicyWire.fromWire(PpoCheckpointMsg.parseFrom(checkpoint)));
      assertEquals(2, b.updates());
      b.learn(128);
      assertEquals(straight, b.exportParams());
      assertEquals(256, b.timesteps());
    }
  }

  /** Reward 1 per step, and every step is cut by a time limit (truncated, not terminal). */
  private static final class AlwaysTruncatedEnv implements Env {
    private final boolean truncated;

    AlwaysTruncatedEnv(boolean truncated) {
      this.truncated = truncated;
    }

    @Override
    public int numEnvs() {
      return 4;
    }

    @Override
    public int observationSize() {
      return 1;
    }

    @Override
    public int actionSize() {
      return 1;
    }

    @Override
    public void reset(float[] o) {
      java.util.Arrays.fill(o, 1f);
    }

    @Override
    public void step(float[] actions, EnvStep out) {
      for (int e = 0; e < 4; e++) {
        out.rewards[e] = 1;
        out.done[e] = true;
        out.truncated[e] = truncated;
        out.terminalObservations[e] = 1f;
        out.observations[e] = 1f;
      }
    }
  }

  @Test
  void timeLimitTruncationBootstrapsFromTheTerminalObservation() {
    // V = 1 + γV at γ = 0.5 gives 2 when truncation bootstraps; a true terminal gives 1.
    for (boolean truncated : new boolean[] {true, false}) {
      PpoConfig config = small("java", 4).with("gamma", 0.5).with("learningRate", 1e-2)
          .with("rolloutSteps", 128).with("batchSize", 64).with("epochs", 5);
      try (PpoLearner learner = new PpoLearner(config, new AlwaysTruncatedEnv(truncated))) {
        learner.learn(128 * 80);
        float[] v = new float[1];
        learner.value(new float[] {1f}, 1, v);
        assertEquals(truncated ? 2.0 : 1.0, v[0], 0.05, "truncated = " + truncated);
      }
    }
  }
}
