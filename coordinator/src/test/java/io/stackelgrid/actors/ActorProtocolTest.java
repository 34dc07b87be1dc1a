package io.stackelgrid.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import io.stackelgrid.actors.SeedRun.PeriodPlayed;
import io.stackelgrid.actors.AggregatorActor.Planned;
import io.stackelgrid.actors.UtilityActor.DecideTariff;
import io.stackelgrid.actors.UtilityActor.TariffDecision;
import io.stackelgrid.common.RunFailedException;
import io.stackelgrid.game.FollowerEnv;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.game.LocalBestResponses;
import io.stackelgrid.game.LeaderEnv;
import io.stackelgrid.game.LeaderState;
import io.stackelgrid.game.StackelbergGame;
import io.stackelgrid.game.TariffCodec;
import io.stackelgrid.learner.LearnerActor;
import io.stackelgrid.learner.LearnerActor.Reply;
import io.stackelgrid.learner.LearnerActor.Train;
import io.stackelgrid.learner.LearnerActor.Trained;
import io.stackelgrid.learner.LearnerActor.TrainingFailed;
import io.stackelgrid.meanfield.SocGrid;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.StepRecord;
import io.stackelgrid.world.StepEngine;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

  /** A follower's learner actor, as a seed spawns it (fresh, no checkpoint). */
  private static ActorRef<LearnerActor.Command<FollowerProblem>> follower(String name, long seed, int bus,
      FollowerProblem shape) {
    return kit.spawn(LearnerActor.<FollowerProblem>create(name, seed, 48, () -> LearnerFactory.follower(TINY, seed, bus,
        shape), null, p -> new FollowerEnv(p, FollowerEnv.copiesFor(48))));
  }

  @Test
  void followerLearnerTrainsOnRequestAndRepliesWithItsPolicy() {
    World w = world(1);
    FollowerProblem p = FollowerProblem.of(w, 1, w.belief(), new double[0], TINY, 9);
    ActorRef<LearnerActor.Command<FollowerProblem>> learner = follower("follower-1", 1, 1, p);
    TestProbe<Reply> probe = kit.createTestProbe();
    learner.tell(new Train<>(4, p, probe.getRef()));
    Trained r = probe.expectMessageClass(Trained.class, Duration.ofSeconds(30));
    assertEquals("follower-1", r.learner());
    assertEquals(4, r.period());
    assertEquals(1, r.policy().updates(), "48 steps = one rollout, one update");
    // The same training done directly gives the same learner: the actor adds nothing to the maths, and
    // its whole state (optimiser, random state) comes back in the reply.
    try (PpoLearner direct = LearnerFactory.follower(TINY, 1, 1, p)) {
      direct.setEnv(new FollowerEnv(p, FollowerEnv.copiesFor(48)));
      direct.learn(48);
      assertEquals(direct.exportCheckpoint(), r.state());
    }
  }

  @Test
  void failingLearnerFallsBackToItsLastGoodParametersAndSaysWho() {
    World w = world(2);
    FollowerProblem good = FollowerProblem.of(w, 0, w.belief(), new double[0], TINY, 9);
    // A zero reward scale turns every reward into ±infinity: PPO's NaN guard trips.
    FollowerProblem bad = new FollowerProblem(0, "agg-b1", 0, 24, good.efficiency(), good.maxAction(),
        good.actionMap(), good.members(), good.shape(), new double[] {5, 5, 5, 5, 5, 5, 5, 5}, 10, good.tariff(),
        good.bounds(), new double[0], 0.0, 3);
    ActorRef<LearnerActor.Command<FollowerProblem>> learner = follower("follower-0", 2, 0, good);
    TestProbe<Reply> probe = kit.createTestProbe();
    learner.tell(new Train<>(0, good, probe.getRef()));
    Trained first = probe.expectMessageClass(Trained.class, Duration.ofSeconds(30));
    learner.tell(new Train<>(1, bad, probe.getRef()));
    TrainingFailed failed = probe.expectMessageClass(TrainingFailed.class, Duration.ofSeconds(30));
    assertTrue(failed.cause().contains("follower-0") && failed.cause().contains("seed 2")
        && failed.cause().contains("period 1"), failed.cause());
    assertEquals(first.policy(), failed.policy(), "back to the last good parameters");
    learner.tell(new Train<>(2, good, probe.getRef()));
    Trained after = probe.expectMessageClass(Trained.class, Duration.ofSeconds(30));
    assertEquals(2, after.policy().updates(), "the learner works again, from its last good state");
  }

  @Test
  void aggregatorPlansWithTheInstalledPolicyAtEverySocBinCentre() {
    World w = world(3);
    FollowerProblem p = FollowerProblem.of(w, 2, w.belief(), new double[0], TINY, 9);
    PpoLearner l = LearnerFactory.follower(TINY, 3, 2, p);
    l.learn(48);
    PolicyParams params = l.exportParams();
    WorldSettings settings = WorldSettings.of(SCENARIO);
    TestProbe<AggregatorActor.PlanReply> barrier = kit.createTestProbe();
    ActorRef<AggregatorActor.Command> aggregator = kit.spawn(AggregatorActor.create(2,
        new StepEngine(SCENARIO, settings)));
    Tariff tariff = Tariff.initial(SCENARIO);
    aggregator.tell(new AggregatorActor.PlanStep(0, tariff, 0.45, params, barrier.getRef()));
    Planned plan = barrier.expectMessageClass(Planned.class, Duration.ofSeconds(10));
    // The observation written out by hand at every bin centre (15 floats): one-hot step of day 0, SoC,
    // shape, no belief yet (0), add-ons mapped onto [-1, 1] over their bounds, the bus's mean SoC.
    int bins = settings.socBins();
    SocGrid grid = new SocGrid(bins);
    float[] obs = new float[bins * 15];
    for (int i = 0; i < bins; i++) {
      int o = i * 15;
      obs[o] = 1f;
      obs[o + 8] = (float) grid.centre(i);
      obs[o + 9] = (float) SCENARIO.shapes().prosumerNetDemand()[0];
      obs[o + 12] = (float) ((0.01 - 0.05) / 0.05);
      obs[o + 13] = (float) ((0.0 - 0.0) / 0.05);
      obs[o + 14] = 0.45f;
    }
    float[] direct = new float[bins];
    l.policy().mean(obs, bins, direct);
    assertEquals(2, plan.aggregator());
    assertEquals(0, plan.step());
    for (int i = 0; i < bins; i++) {
      assertEquals(direct[i], plan.plan().mean(i), 0.0, "bin " + i);
    }
    assertEquals(l.policy().std(0), plan.plan().std(), 0.0);
  }

  @Test
  void utilityTurnsTheLeaderPolicyIntoATariffWithinBounds() {
    // A leader policy with zero weights: its mean action is its output bias, +1 for buy, -1 elsewhere.
    int obs = 3 + 2 + 8;
    int weights = obs * 2 + 2 + 2 * 8;
    float[] params = new float[weights + 8];
    params[weights] = 1f;
    for (int k = weights + 1; k < params.length; k++) {
      params[k] = -1f;
    }
    int[] widths = {obs, 2, 8};
    PolicyParams leader = new PolicyParams("leader", 0, widths, widths, params, params, new float[8]);
    ActorRef<UtilityActor.Command> utility = kit.spawn(UtilityActor.create(new TariffCodec(SCENARIO.tariff(), 6,
        TariffCodec.Centre.INITIAL)));
    TestProbe<TariffDecision> probe = kit.createTestProbe();
    float[] observation = new float[obs];
    Arrays.fill(observation, 0.5f);
    utility.tell(new DecideTariff(7, leader, observation, probe.getRef()));
    TariffDecision d = probe.receiveMessage(Duration.ofSeconds(10));
    assertEquals(7, d.period());
    assertEquals(0.10, d.tariff().buyAddOnUsdPerKwh(), 1e-12, "buy add-on at its maximum");
    assertEquals(-0.05, d.tariff().sellAddOnUsdPerKwh(), 1e-12, "sell add-on at its minimum");
    for (int g = 0; g < 6; g++) {
      assertEquals(0.0, d.tariff().fixedChargeUsdPerDay(g), 1e-12);
    }
  }

  @Test
  void theSeedsDriverPlaysPeriodsOnLearnerActorsLikeThePlainGame() {
    List<StepRecord> viaActors = new ArrayList<>();
    List<Tariff> tariffs = new ArrayList<>();
    SeedRun run = new SeedRun(kit.system(), "seed-11-", SCENARIO, TINY, 11, 4, 0, (a, b, t) -> {
      viaActors.add(a);
      tariffs.add(t);
    }, p -> {}, m -> {}, Duration.ofMinutes(2), null, null);
    PeriodPlayed p0 = run.runPeriod();
    assertEquals(0, p0.period());
    assertFalse(p0.runDone());
    assertEquals(2, p0.innerIterations());
    PeriodPlayed p1 = run.runPeriod();
    assertEquals(1, p1.period());
    assertTrue(p1.runDone());
    assertEquals(32, viaActors.size());
    assertNotEquals(tariffs.get(0), tariffs.get(24));
    RunFailedException done = assertThrows(RunFailedException.class, run::runPeriod);
    assertTrue(done.getMessage().contains("seed 11") && done.getMessage().contains("every period"), done.getMessage());
    assertEquals(java.util.List.of("agg-b1", "agg-b2", "agg-b3"),
        java.util.List.copyOf(run.learnerCheckpoints().followers().keySet()), "followers by aggregator id");
    assertTrue(run.learnerCheckpoints().followers().values().stream().allMatch(java.util.Objects::nonNull)
        && run.learnerCheckpoints().leader() != null, "every learner trained");

    // The same seed on in-process learners: identical prices, step by step.
    World world = world(11);
    World base = world(11);
    PpoLearner[] followers = new PpoLearner[3];
    for (int n = 0; n < 3; n++) {
      followers[n] = LearnerFactory.follower(TINY, 11, n,
          FollowerProblem.of(world, n, world.belief(), new double[0], TINY, 0));
    }
    PpoLearner leader = LearnerFactory.leader(TINY, 11, new LeaderEnv(world.copy(), TINY.codec(SCENARIO),
        new LeaderState(0, 1, world.tariff()), TINY));
    List<StepRecord> plain = new ArrayList<>();
    WorldSettings ws = WorldSettings.of(SCENARIO);
    try (LocalBestResponses local = new LocalBestResponses(followers, leader, 48, 11, m -> {},
        p -> p.env(SCENARIO, ws, TINY))) {
      StackelbergGame g = new StackelbergGame(world, base, TINY, local, 11, 32);
      while (!g.done()) {
        g.playPeriod((a, b, t) -> plain.add(a));
      }
    }
    for (int t = 0; t < 32; t++) {
      assertArrayEquals(plain.get(t).lmpUsdPerMwh(), viaActors.get(t).lmpUsdPerMwh(), "step " + t);
    }
  }

  @Test
  void aLearnerThatDoesNotAnswerIsAFailureOfTheRunNotBadInput() {
    // A learner's missing answer ended the run with exit 2, like bad input; it is a failure of the run
    // (exit 1), naming the learner's kind and the period.
    World w = world(12);
    FollowerProblem p = FollowerProblem.of(w, 1, w.belief(), new double[0], TINY, 9);
    TestProbe<LearnerActor.Command<FollowerProblem>> silent = kit.createTestProbe();
    Trainer<FollowerProblem> asks = (period, problem, lastGood) -> AskPattern.ask(silent.getRef(),
        (ActorRef<Reply> replyTo) -> new Train<>(period, problem, replyTo), Duration.ofMillis(300),
        kit.system().scheduler());
    List<String> ids = List.of("agg-b1", "agg-b2", "agg-b3");
    ActorBestResponses responses = new ActorBestResponses(List.of(asks, asks, asks), ids, null, List.of(),
        io.stackelgrid.game.LearnerStates.none(ids), m -> {});
    RunFailedException e = assertThrows(RunFailedException.class, () -> responses.followers(5, List.of(p)));
    assertTrue(e.getMessage().contains("no reply from the follower learner(s) in period 5"), e.getMessage());
    Train<?> asked = silent.expectMessageClass(Train.class, Duration.ofSeconds(10));
    assertEquals(5, asked.period(), "the learner was asked");
  }
}
