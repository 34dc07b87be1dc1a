package io.stackelgrid.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ExtendedActorSystem;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.SerializationExtension;
import io.stackelgrid.actors.StepBarrierActor.PlayStep;
import io.stackelgrid.actors.StepBarrierActor.StepsReply;
import io.stackelgrid.actors.MeanFieldTrackerActor.MoveFailed;
import io.stackelgrid.cluster.ResidentLearner;
import io.stackelgrid.cluster.RolloutCopyHost;
import io.stackelgrid.cluster.SweepCoordinator;
import io.stackelgrid.cluster.SweepWorker;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.learner.LearnerActor;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.wire.WireSerializer;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one wire serializer: every protocol record has a codec, round-trips, and the schema version is checked. */
class WireSerializerTest {
  /** Every actor protocol of the project, and the replies its asks expect. */
  static final List<Class<?>> PROTOCOLS = List.of(AggregatorActor.Command.class, AggregatorActor.PlanReply.class,
      AggregatorActor.BeliefReply.class, MeanFieldTrackerActor.Command.class, MeanFieldTrackerActor.MoveReply.class,
      MeanFieldTrackerActor.FieldReply.class, SystemOperatorActor.Command.class, SystemOperatorActor.ClearReply.class,
      SystemOperatorActor.LoadsReply.class, UtilityActor.Command.class, UtilityActor.BillReply.class,
      StepBarrierActor.Command.class, StepBarrierActor.StepsReply.class, StepBarrierActor.SnapshotReply.class,
      LearnerActor.Command.class, LearnerActor.Reply.class, ResidentLearner.Command.class,
      ResidentLearner.Answer.class, RolloutCopyHost.Command.class, RolloutCopyHost.Answer.class,
      SweepCoordinator.Command.class, SweepWorker.Command.class);
  static final Scenario SCENARIO = ScenarioLoader.load("three-bus", Map.of());
  static ActorTestKit kit;
  static WireSerializer serializer;

  @BeforeAll
  static void start() {
    kit = SerialisingTestKit.create();
    serializer = new WireSerializer((ExtendedActorSystem) Adapter.toClassic(kit.system()));
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void everyRecordThatMayCrossAnActorBoundaryHasACodecAndIsBoundToTheWireSerializer() throws Exception {
    List<Class<?>> records = new ArrayList<>();
    for (Class<?> p : PROTOCOLS) {
      collect(p, records);
    }
    assertTrue(records.size() > 40, "the protocols' records: " + records.size());
    for (Class<?> r : records) {
      if (NoSerializationVerificationNeeded.class.isAssignableFrom(r)) {
        continue; // local only: message adapters, timers, pipes
      }
      assertTrue(serializer.hasCodec(r), "no wire codec for " + r.getName());
      // Akka picks our serializer for it (a more specific binding would win silently).
      assertSame(WireSerializer.class, SerializationExtension.get(Adapter.toClassic(kit.system()))
          .serializerFor(r).getClass(), r.getName());
    }
  }

  private static void collect(Class<?> type, List<Class<?>> out) {
    if (!type.isSealed()) {
      out.add(type);
      return;
    }
    for (Class<?> sub : type.getPermittedSubclasses()) {
      collect(sub, out);
    }
  }

  @Test
  void aMessageOfAnotherSchemaVersionIsRefusedNamingBothVersions() throws Exception {
    MoveFailed m = new MoveFailed(3, "boom");
    byte[] bytes = serializer.toBinary(m);
    assertEquals("MoveFailed@3", serializer.manifest(m));
    NotSerializableException e = assertThrows(NotSerializableException.class,
        () -> serializer.fromBinary(bytes, "MoveFailed@2"));
    assertTrue(e.getMessage().contains("MoveFailed") && e.getMessage().contains("version 2")
        && e.getMessage().contains("version 3"), e.getMessage());
    MoveFailed back = (MoveFailed) serializer.fromBinary(bytes, "MoveFailed@3");
    assertEquals(m, back);
  }

  @Test
  void aRefusalCarriesTheWorkersScenarioValues() throws Exception {
    ResidentLearner.Refused r = new ResidentLearner.Refused("akka://stackelgrid@h:1", "learner x: other digest",
        Map.of("tariff.revenue-requirement-usd-per-day", "2000000", "households.aggregators[0].id", "\"agg-b1\""));
    assertEquals(r, serializer.fromBinary(serializer.toBinary(r), serializer.manifest(r)));
    ResidentLearner.Refused plain = new ResidentLearner.Refused("akka://stackelgrid@h:1", "no such scenario");
    assertEquals(plain, serializer.fromBinary(serializer.toBinary(plain), serializer.manifest(plain)));
  }

  @Test
  void refsPoliciesAndNestedProblemsArriveIntact() throws Exception {
    World w = new World(SCENARIO, WorldSettings.of(SCENARIO), new WorldOptions("baseline", true, true, 5),
        Tariff.initial(SCENARIO));
    GameSettings game = GameSettings.of(SCENARIO).withBudget(48, 48, 24);
    FollowerProblem problem = FollowerProblem.of(w, 1, w.belief(), new double[] {0.3, 0.4}, game, 17);
    PpoCheckpoint warm;
    try (PpoLearner l = LearnerFactory.follower(game, 5, 1, problem)) {
      l.learn(48);
      warm = l.exportCheckpoint();
    }
    TestProbe<ResidentLearner.Answer> client = kit.createTestProbe();
    ResidentLearner.Train t = new ResidentLearner.Train("three-bus", List.of("a.b=1"), "ab".repeat(32), 5, 4,
        problem, warm.params().updates(), warm, 41, client.getRef());
    ResidentLearner.Train back = (ResidentLearner.Train) serializer.fromBinary(serializer.toBinary(t),
        serializer.manifest(t));
    assertEquals(client.getRef(), back.replyTo());
    assertEquals(List.of("three-bus", List.of("a.b=1"), "ab".repeat(32), 5L, 4),
        List.of(back.scenario(), back.overrides(), back.scenarioDigest(), back.seed(), back.period()));
    assertEquals(warm.params().updates(), back.updates());
    assertEquals(41, back.requestId());
    assertEquals(warm, back.stateOrNull(), "parameters, Adam moments and RNG state bit for bit");
    FollowerProblem p = (FollowerProblem) back.problem();
    assertEquals(problem.members().size(), p.members().size());
    assertArrayEquals(problem.members().get(0).socMass(), p.members().get(0).socMass());
    assertArrayEquals(problem.members().get(0).demandKwh(), p.members().get(0).demandKwh());
    assertEquals(problem.members().get(0).storageKwh(), p.members().get(0).storageKwh());
    assertEquals(problem.aggregator(), p.aggregator());
    assertEquals(problem.aggregatorId(), p.aggregatorId());
    assertArrayEquals(problem.beliefUsdPerMwh(), p.beliefUsdPerMwh());
    assertEquals(problem.bounds(), p.bounds());
    assertEquals(problem.tariff(), p.tariff());
    assertEquals(problem.seed(), p.seed());

    TestProbe<StepsReply> asker = kit.createTestProbe();
    PolicyParams policy = warm.params();
    PlayStep play = new PlayStep(24, Tariff.initial(SCENARIO), new double[] {0.1, 0.2, 0.3}, true,
        Map.of(1, policy), 24, asker.getRef());
    PlayStep played = (PlayStep) serializer.fromBinary(serializer.toBinary(play), serializer.manifest(play));
    assertEquals(Map.of(1, policy), played.newPolicies());
    assertEquals(asker.getRef(), played.replyTo());
    assertArrayEquals(play.busMeanSoc(), played.busMeanSoc());
  }

  @Test
  void aRolloutCopysRequestAndSegmentArriveBitForBit() throws Exception {
    World w = new World(SCENARIO, WorldSettings.of(SCENARIO), new WorldOptions("baseline", true, true, 5),
        Tariff.initial(SCENARIO));
    GameSettings game = GameSettings.of(SCENARIO).withBudget(48, 48, 24);
    for (int a = 0; a < w.layout().aggregatorCount(); a++) {
      FollowerProblem shape = FollowerProblem.of(w, a, w.belief(), new double[0], game, 0);
      try (PpoLearner l = LearnerFactory.follower(game, 5, a, shape)) {
        w.setPolicy(a, io.stackelgrid.game.LearnedPolicy.of(l.exportParams()));
      }
    }
    io.stackelgrid.game.LeaderProblem problem = io.stackelgrid.game.LeaderProblem.of(w,
        new io.stackelgrid.game.LeaderState(0.7, 0.95, w.tariff()));
    io.stackelgrid.ppo.RolloutParams earlier = new io.stackelgrid.ppo.RolloutParams(new float[] {1.5f, -0f, Float.MIN_VALUE},
        new float[] {2f}, new float[] {-0.5f, -0.25f});
    io.stackelgrid.ppo.RolloutParams now = new io.stackelgrid.ppo.RolloutParams(new float[] {3f, 4f, 5f},
        new float[] {6f}, new float[] {-1f, -2f});
    TestProbe<RolloutCopyHost.Answer> leader = kit.createTestProbe();
    RolloutCopyHost.Collect c = new RolloutCopyHost.Collect("three-bus", List.of("a.b=1"), "ab12", 5, 3, 7, 2, 1, 12, problem,
        List.of(earlier), now, leader.getRef());
    RolloutCopyHost.Collect back = (RolloutCopyHost.Collect) serializer.fromBinary(serializer.toBinary(c),
        serializer.manifest(c));
    assertEquals(List.of(7L, 2, 1, 12), List.of(back.call(), back.copy(), back.rollout(), back.rows()));
    assertEquals("ab12", back.scenarioDigest());
    assertEquals(leader.getRef(), back.replyTo());
    assertEquals(problem.stepsDone(), back.problemOrNull().stepsDone());
    assertEquals(problem.tariff(), back.problemOrNull().tariff());
    assertArrayEquals(earlier.policy(), back.history().get(0).policy());
    assertArrayEquals(earlier.logStd(), back.history().get(0).logStd());
    assertArrayEquals(now.value(), back.params().value());
    RolloutCopyHost.Collect bare = new RolloutCopyHost.Collect("three-bus", List.of(), "ab12", 5, 3, 7, 2, 1, 12, null,
        List.of(), now, leader.getRef());
    RolloutCopyHost.Collect bareBack = (RolloutCopyHost.Collect) serializer.fromBinary(serializer.toBinary(bare),
        serializer.manifest(bare));
    assertEquals(null, bareBack.problemOrNull(), "no problem: none on arrival");
    assertEquals(List.of(), bareBack.history());

    io.stackelgrid.ppo.Segment s = new io.stackelgrid.ppo.Segment(new float[] {1f, 2f, 3f, 4f}, new float[] {0.5f, -0.5f},
        new double[] {Math.PI, -Math.E}, new float[] {7f, 8f}, new double[] {-1.25, Double.MIN_VALUE},
        new boolean[] {true, false}, new double[] {0.1, 0.2}, new double[] {1e300, -1e-300});
    RolloutCopyHost.Collected got = new RolloutCopyHost.Collected("akka://x@h:1", s, 42);
    RolloutCopyHost.Collected gotBack = (RolloutCopyHost.Collected) serializer.fromBinary(serializer.toBinary(got),
        serializer.manifest(got));
    io.stackelgrid.ppo.Segment t = gotBack.segment();
    assertArrayEquals(s.observations(), t.observations());
    assertArrayEquals(s.actions(), t.actions());
    assertArrayEquals(s.rewards(), t.rewards());
    assertArrayEquals(s.values(), t.values());
    assertArrayEquals(s.logProbs(), t.logProbs());
    assertArrayEquals(s.episodeStarts(), t.episodeStarts());
    assertArrayEquals(s.advantages(), t.advantages());
    assertArrayEquals(s.returns(), t.returns());
    assertEquals(42, gotBack.collectNanos());
  }
}
