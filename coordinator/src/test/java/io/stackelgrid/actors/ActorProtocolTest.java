package io.stackelgrid.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import com.google.protobuf.Message;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.game.LocalBestResponses;
import io.stackelgrid.game.StackelbergGame;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.proto.PeriodDone;
import io.stackelgrid.proto.PpoCheckpoint;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.proto.TrainFollower;
import io.stackelgrid.proto.TrainReply;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.StepRecord;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The learner and coordinator protocols on the typed ActorTestKit, every message serialised. */
class ActorProtocolTest {
  static final Scenario SCENARIO = ScenarioLoader.load("three-bus", Map.of());
  static final GameSettings TINY = GameSettings.of(SCENARIO).withBudget(48, 48, 24)
      .withLearnEveryStep(false).withTolerances(2, 0.01, 0.0);
  static ActorTestKit kit;

  @BeforeAll
  static void start() {
    kit = SerialisingTestKit.create();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static World world(long seed) {
    return new World(SCENARIO, WorldSettings.of(SCENARIO), new WorldOptions("baseline", true, true, seed),
        Tariff.initial(SCENARIO));
  }

  private static TrainFollower request(FollowerProblem p, int period, ActorRef<TrainReply> replyTo) {
    return TrainFollower.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setPeriod(period)
        .setProblem(p.toMessage())
        .setReplyTo(ActorRefResolver.get(kit.system()).toSerializationFormat(replyTo)).build();
  }

  @Test
  void followerLearnerTrainsOnRequestAndRepliesWithItsPolicy() {
    World w = world(1);
    FollowerProblem p = FollowerProblem.of(w, 1, w.belief(), new double[0], TINY, 9);
    AtomicReference<PpoCheckpoint> state = new AtomicReference<>();
    ActorRef<Message> learner = kit.spawn(LearnerActor.create("follower-1", 1, 48,
        () -> LearnerFactory.follower(TINY, 1, 1, p), state, SCENARIO.tariff(), null));
    TestProbe<TrainReply> probe = kit.createTestProbe();
    learner.tell(request(p, 4, probe.getRef()));
    TrainReply r = probe.receiveMessage(Duration.ofSeconds(30));
    assertEquals("follower-1", r.getLearner());
    assertEquals(4, r.getPeriod());
    assertTrue(r.getFailure().isEmpty());
    assertEquals(1, r.getParams().getUpdates(), "48 steps = one rollout, one update");
    // The same training done directly gives the same parameters: the actor adds nothing to the maths.
    PpoLearner direct = LearnerFactory.follower(TINY, 1, 1, p);
    direct.setEnv(new io.stackelgrid.game.FollowerEnv(p, io.stackelgrid.game.FollowerEnv.copiesFor(48)));
    direct.learn(48);
    assertEquals(direct.exportParams(), r.getParams());
    assertEquals(state.get().getParams(), r.getParams(), "the last good state is kept for restarts");
  }

  @Test
  void failingLearnerFallsBackToItsLastGoodParametersAndSaysWho() {
    World w = world(2);
    FollowerProblem good = FollowerProblem.of(w, 0, w.belief(), new double[0], TINY, 9);
    // A zero reward scale turns every reward into ±infinity: PPO's NaN guard trips.
    FollowerProblem bad = new FollowerProblem(0, 0, 24, good.storageKwh(), good.efficiency(), good.maxAction(),
        good.actionMap(), good.demandKwh(), good.shape(), new double[] {5, 5, 5, 5, 5, 5, 5, 5}, 10, good.tariff(), good.bounds(),
        good.socMass(), new double[0], 0.0, 3);
    AtomicReference<PpoCheckpoint> state = new AtomicReference<>();
    ActorRef<Message> learner = kit.spawn(LearnerActor.create("follower-0", 2, 48,
        () -> LearnerFactory.follower(TINY, 2, 0, good), state, SCENARIO.tariff(), null));
    TestProbe<TrainReply> probe = kit.createTestProbe();
    learner.tell(request(good, 0, probe.getRef()));
    TrainReply first = probe.receiveMessage(Duration.ofSeconds(30));
    learner.tell(request(bad, 1, probe.getRef()));
    TrainReply failed = probe.receiveMessage(Duration.ofSeconds(30));
    assertTrue(failed.getFailure().contains("follower-0") && failed.getFailure().contains("seed 2")
        && failed.getFailure().contains("period 1"), failed.getFailure());
    assertEquals(first.getParams(), failed.getParams(), "back to the last good parameters");
    learner.tell(request(good, 2, probe.getRef()));
    TrainReply after = probe.receiveMessage(Duration.ofSeconds(30));
    assertTrue(after.getFailure().isEmpty(), "the learner works again after the failure");
    assertEquals(2, after.getParams().getUpdates());
  }

  @Test
  void aggregatorPlansWithTheInstalledPolicyAtEverySocBinCentre() {
    World w = world(3);
    FollowerProblem p = FollowerProblem.of(w, 2, w.belief(), new double[0], TINY, 9);
    PpoLearner l = LearnerFactory.follower(TINY, 3, 2, p);
    l.learn(48);
    io.stackelgrid.proto.PolicyParams params = l.exportParams();
    WorldSettings settings = WorldSettings.of(SCENARIO);
    TestProbe<Message> tracker = kit.createTestProbe();
    ActorRef<Message> aggregator = kit.spawn(AggregatorActor.create(2, SCENARIO, settings, tracker.getRef()));
    aggregator.tell(io.stackelgrid.proto.InstallPolicy.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
        .setParams(params).build());
    Tariff tariff = Tariff.initial(SCENARIO);
    io.stackelgrid.proto.StepStart start = io.stackelgrid.proto.StepStart.newBuilder()
        .setSchemaVersion(SchemaVersions.CURRENT).setStep(0).setTariff(StepMessages.tariff(tariff))
        .addBusMeanSoc(0.1).addBusMeanSoc(0.2).addBusMeanSoc(0.45)
        .setRouting(io.stackelgrid.proto.StepRouting.newBuilder().setBarrier("unused")).build();
    aggregator.tell(start);
    io.stackelgrid.proto.ActionPlan plan = tracker.expectMessageClass(io.stackelgrid.proto.ActionPlan.class,
        Duration.ofSeconds(10));
    // The observation written out by hand at every bin centre: no belief yet (NaN), step of day 0.
    int bins = settings.socBins();
    io.stackelgrid.meanfield.SocGrid grid = new io.stackelgrid.meanfield.SocGrid(bins);
    float[] obs = new float[bins * 15];
    for (int i = 0; i < bins; i++) {
      io.stackelgrid.household.Observation.fill(obs, i * 15, 0, grid.centre(i),
          SCENARIO.shapes().prosumerNetDemand()[0], Double.NaN, Double.NaN, settings.priceScaleUsdPerMwh(),
          tariff.buyAddOnUsdPerKwh(), tariff.sellAddOnUsdPerKwh(), SCENARIO.tariff(), 0.45);
    }
    float[] direct = new float[bins];
    l.policy().mean(obs, bins, direct);
    assertEquals(2, plan.getBus());
    assertEquals(0, plan.getStep());
    for (int i = 0; i < bins; i++) {
      assertEquals(direct[i], plan.getMeans(i), 0.0, "bin " + i);
    }
    assertEquals(l.policy().std(0), plan.getStd(), 0.0);
  }

  @Test
  void utilityTurnsTheLeaderPolicyIntoATariffWithinBounds() {
    // A leader policy with zero weights: its mean action is its output bias, +1 for buy, -1 elsewhere.
    int obs = 3 + 2 + 8;
    io.stackelgrid.proto.PolicyParams.Builder p = io.stackelgrid.proto.PolicyParams.newBuilder()
        .setSchemaVersion(SchemaVersions.CURRENT).setLearnerName("leader")
        .addPolicyLayerSizes(obs).addPolicyLayerSizes(2).addPolicyLayerSizes(8);
    int weights = obs * 2 + 2 + 2 * 8;
    for (int k = 0; k < weights + 8; k++) {
      p.addPolicyParams(k < weights ? 0f : (k == weights ? 1f : -1f));
    }
    for (int a = 0; a < 8; a++) {
      p.addLogStd(0f);
    }
    ActorRef<Message> utility = kit.spawn(UtilityActor.create(new io.stackelgrid.game.TariffCodec(SCENARIO.tariff(), 6, io.stackelgrid.game.TariffCodec.Centre.INITIAL)));
    TestProbe<io.stackelgrid.proto.TariffDecision> probe = kit.createTestProbe();
    io.stackelgrid.proto.DecideTariff.Builder req = io.stackelgrid.proto.DecideTariff.newBuilder()
        .setSchemaVersion(SchemaVersions.CURRENT).setPeriod(7).setLeader(p.build())
        .setReplyTo(ActorRefResolver.get(kit.system()).toSerializationFormat(probe.getRef()));
    for (int k = 0; k < obs; k++) {
      req.addObservation(0.5f);
    }
    utility.tell(req.build());
    io.stackelgrid.proto.TariffDecision d = probe.receiveMessage(Duration.ofSeconds(10));
    assertEquals(7, d.getPeriod());
    assertEquals(0.10, d.getBuyAddOnUsdPerKwh(), 1e-12, "buy add-on at its maximum");
    assertEquals(-0.05, d.getSellAddOnUsdPerKwh(), 1e-12, "sell add-on at its minimum");
    for (int g = 0; g < 6; g++) {
      assertEquals(0.0, d.getFixedChargeUsdPerDay(g), 1e-12);
    }
  }

  @Test
  void coordinatorPlaysPeriodsOnLearnerActorsLikeThePlainDriver() {
    List<StepRecord> viaActors = new ArrayList<>();
    List<Tariff> tariffs = new ArrayList<>();
    SeedRun run = new SeedRun(kit.system(), SCENARIO, TINY, 11, 4, (a, b, t) -> {
      viaActors.add(a);
      tariffs.add(t);
    }, p -> {}, m -> {}, Duration.ofMinutes(2), null);
    PeriodDone p0 = run.runPeriod();
    assertEquals(0, p0.getPeriod());
    assertFalse(p0.getRunDone());
    assertEquals(2, p0.getInnerIterations());
    PeriodDone p1 = run.runPeriod();
    assertEquals(1, p1.getPeriod());
    assertTrue(p1.getRunDone());
    assertEquals(32, viaActors.size());
    assertNotEquals(tariffs.get(0), tariffs.get(24));
    assertEquals(4, run.learnerCheckpoints().size());

    // The same seed on in-process learners: identical prices, step by step.
    World world = world(11);
    World base = world(11);
    PpoLearner[] followers = new PpoLearner[3];
    for (int n = 0; n < 3; n++) {
      followers[n] = LearnerFactory.follower(TINY, 11, n,
          FollowerProblem.of(world, n, world.belief(), new double[0], TINY, 0));
    }
    PpoLearner leader = LearnerFactory.leader(TINY, 11, new io.stackelgrid.game.LeaderEnv(world.copy(),
        TINY.codec(SCENARIO), new io.stackelgrid.game.LeaderState(0, 1, world.tariff()), TINY));
    List<StepRecord> plain = new ArrayList<>();
    try (LocalBestResponses local = new LocalBestResponses(followers, leader, 48, 11, m -> {})) {
      StackelbergGame g = new StackelbergGame(world, base, TINY, local, 11, 32);
      while (!g.done()) {
        g.playPeriod((a, b, t) -> plain.add(a));
      }
    }
    for (int t = 0; t < 32; t++) {
      assertArrayEquals(plain.get(t).lmpUsdPerMwh(), viaActors.get(t).lmpUsdPerMwh(), "step " + t);
    }
  }
}
