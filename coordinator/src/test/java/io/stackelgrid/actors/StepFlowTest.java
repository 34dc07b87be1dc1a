package io.stackelgrid.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.stackelgrid.common.RunFailedException;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.game.LearnedPolicy;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.game.RealSteps;
import io.stackelgrid.household.FinitePopulation;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.meanfield.MeanField;
import io.stackelgrid.meanfield.MeanFieldPopulation;
import io.stackelgrid.meanfield.SocGrid;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.PeriodRecord;
import io.stackelgrid.world.StepEngine;
import io.stackelgrid.world.StepRecord;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-step flow of ARCHITECTURE.md on the typed ActorTestKit, every message serialised: the
 * barrier asks the aggregators, the tracker, the operator and the utility for their phases of
 * StepEngine's step, so the world's actors play what World.advance plays, message for message.
 */
class StepFlowTest {
  static final Scenario SCENARIO = ScenarioLoader.load("three-bus", Map.of());
  static final WorldSettings SETTINGS = WorldSettings.of(SCENARIO);
  static final Scenario CLIPPED = ScenarioLoader.load("three-bus", Map.of("households.action-map", "clip"));
  static final Duration WAIT = Duration.ofSeconds(30);
  static ActorTestKit kit;

  @BeforeAll
  static void start() {
    kit = SerialisingTestKit.create();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  /** A world's step actors and the coordinator's side of them, for a world at step 0. */
  private static ActorSteps spawn(World world, WorldOptions options) {
    return spawn(world, options, options);
  }

  /** The operator clears with {@code options}' seed; the tracker holds the households of {@code households}. */
  private static ActorSteps spawn(World world, WorldOptions options, WorldOptions households) {
    StepEngine engine = world.engine();
    Scenario scenario = world.scenario();
    ActorRef<SystemOperatorActor.Command> operator = kit.spawn(SystemOperatorActor.create(engine, options));
    ActorRef<MeanFieldTrackerActor.Command> tracker = kit.spawn(MeanFieldTrackerActor.create(engine, households));
    List<ActorRef<AggregatorActor.Command>> aggregators = new ArrayList<>();
    for (int a = 0; a < engine.layout().aggregatorCount(); a++) {
      aggregators.add(kit.spawn(AggregatorActor.create(a, engine)));
    }
    ActorRef<UtilityActor.Command> utility = kit.spawn(UtilityActor.create(GameSettings.of(scenario).codec(scenario),
        engine));
    ActorRef<StepBarrierActor.Command> barrier = kit.spawn(StepBarrierActor.create(engine, aggregators, tracker,
        operator, utility));
    return new ActorSteps(kit.system(), barrier, world, WAIT);
  }

  /** A follower policy whose every weight and bias is 0 (mean action 0) with a negligible spread. */
  private static PolicyParams idle() {
    int[] widths = {15, 2, 1};
    int weights = 15 * 2 + 2 + 2 + 1;
    return new PolicyParams("idle", 0, widths, widths, new float[weights], new float[weights], new float[] {-30f});
  }

  /**
   * Independent truth as in node's ThreeBusClosedFormTest: with no solar (step of day 0) and no
   * congestion, every LMP is the λ of equal marginal costs of g1 (0.2p² + 5p) and g2 (0.2p² + 4p).
   */
  private static double systemLambdaUsdPerMwh(double totalLoadMwh) {
    return totalLoadMwh < 2.5 ? 4 + 0.4 * totalLoadMwh : (0.4 * totalLoadMwh + 9) / 2;
  }

  @Test
  void aNightStepOfIdleStorageClearsAtTheClosedFormLambdaAndBillsAtThatPrice() {
    // Clipped actions: the all-zero policy's a = 0 keeps every battery where it is (under the
    // feasible map it would aim at SoC 0.5).
    WorldOptions options = new WorldOptions("baseline", true, false, 4);
    World world = new World(CLIPPED, SETTINGS, options, Tariff.initial(CLIPPED));
    ActorSteps steps = spawn(world, options);
    PolicyParams idle = idle();
    RealSteps.Played p = steps.play(new PolicyParams[] {idle, idle, idle}, true);
    StepRecord r = p.step();
    // Storage idle: the load is the households' baseline at step of day 0 (no solar then).
    double[] baseline = SCENARIO.baselineBusLoad(0);
    double total = 0;
    for (int n = 0; n < baseline.length; n++) {
      assertEquals(baseline[n], r.loadMwh()[n], 1e-6, "load at bus " + n);
      total += r.loadMwh()[n];
    }
    for (int n = 0; n < baseline.length; n++) {
      assertEquals(systemLambdaUsdPerMwh(total), r.lmpUsdPerMwh()[n], 1e-6, "LMP at bus " + n);
    }
    // The utility billed the step: a consumer pays the retail buy price on its demand plus 1/8 of its
    // daily fixed charge, and the period's EEI annualises that over 1/8 day.
    PeriodRecord period = p.periodOrNull();
    assertNotNull(period, "the step closed the period");
    GroupLayout layout = world.layout();
    Tariff t = world.tariff();
    for (int g = 0; g < layout.groupCount(); g++) {
      if (layout.prosumer(g)) {
        continue;
      }
      double lmp = r.lmpUsdPerMwh()[layout.bus(g)];
      double bill = (lmp / 1000 + t.buyAddOnUsdPerKwh()) * layout.demandKwh(g, 0)
          * SCENARIO.householdNoise().mode() + t.fixedChargeUsdPerDay(g) / 8;
      assertEquals(bill, period.meanBillUsd()[g], 1e-12, "mean bill of group " + g);
      assertEquals(bill * 8 * 365 / layout.group(g).incomeUsdPerYear() * 100, period.eeiPct()[g], 1e-9);
    }
    assertEquals(1, steps.stepsDone(), "the step is counted");
    assertEquals(0, world.step(), "the world's view moves only with a snapshot");
    steps.sync();
    assertEquals(1, world.step(), "a snapshot sets the view's step with its state");
  }

  @Test
  void stepsOnTheActorsEqualThePlainWorldStepByStepAndItsStateAfterwards() {
    playAlongThePlainWorld(false);
  }

  /** A period's steps in one request (as a run plays them when nothing is learned in between). */
  @Test
  void stepsPlayedInBatchesEqualThePlainWorldStepByStep() {
    playAlongThePlainWorld(true);
  }

  /**
   * 29 steps across a period boundary and a tariff change, on the actors one by one or as two
   * batches (the period's 24, then 5), against the plain world field by field.
   */
  private void playAlongThePlainWorld(boolean batched) {
    WorldOptions options = new WorldOptions("baseline", true, true, 7);
    World plain = new World(SCENARIO, SETTINGS, options, Tariff.initial(SCENARIO));
    World mirror = new World(SCENARIO, SETTINGS, options, Tariff.initial(SCENARIO));
    ActorSteps steps = spawn(mirror, options);
    GameSettings game = GameSettings.of(SCENARIO);
    PolicyParams[] policies = new PolicyParams[3];
    for (int n = 0; n < 3; n++) {
      // Freshly initialised learners: SoC- and price-dependent plans, not a constant.
      policies[n] = LearnerFactory.follower(game, 7, n,
          FollowerProblem.of(plain, n, plain.belief(), new double[0], game, 0)).exportParams();
      plain.setPolicy(n, LearnedPolicy.of(policies[n]));
      mirror.setPolicy(n, LearnedPolicy.of(policies[n]));
    }
    int perPeriod = SCENARIO.clock().stepsPerPeriod();
    int total = perPeriod + 5;
    List<RealSteps.Played> batch = List.of();
    for (int t = 0; t < total; t++) {
      if (t == perPeriod) {
        Tariff next = new Tariff(0.04, 0.01, new double[] {0.3, 0.4, 0.5, 0.2, 0.2, 0.2});
        plain.setTariff(next);
        mirror.setTariff(next);
      }
      boolean closes = (t + 1) % perPeriod == 0 || t + 1 == total;
      StepRecord a = plain.advance();
      PeriodRecord pa = closes ? plain.closePeriodIfDone(true) : null;
      if (batched && t % perPeriod == 0) {
        int count = Math.min(perPeriod, total - t);
        batch = steps.play(policies, count, true);
        assertEquals(count, batch.size());
      }
      RealSteps.Played b = batched ? batch.get(t % perPeriod) : steps.play(policies, closes);
      assertEquals(a.step(), b.step().step());
      assertArrayEquals(a.lmpUsdPerMwh(), b.step().lmpUsdPerMwh(), "LMP, step " + t);
      assertArrayEquals(a.loadMwh(), b.step().loadMwh(), "load, step " + t);
      assertArrayEquals(a.householdNetKwh(), b.step().householdNetKwh(), "step " + t);
      assertArrayEquals(a.prosumerNetKwh(), b.step().prosumerNetKwh(), "step " + t);
      assertArrayEquals(a.consumerKwh(), b.step().consumerKwh(), "step " + t);
      assertArrayEquals(a.meanSoc(), b.step().meanSoc(), "mean SoC, step " + t);
      assertArrayEquals(a.solarMwh(), b.step().solarMwh(), "step " + t);
      assertArrayEquals(a.solarAvailableMwh(), b.step().solarAvailableMwh(), "step " + t);
      assertArrayEquals(a.shedMwh(), b.step().shedMwh(), "step " + t);
      assertArrayEquals(a.spillMwh(), b.step().spillMwh(), "step " + t);
      assertEquals(a.generationCostUsd(), b.step().generationCostUsd(), "step " + t);
      if (closes) {
        PeriodRecord pb = b.periodOrNull();
        assertEquals(pa.period(), pb.period());
        assertEquals(pa.days(), pb.days());
        assertEquals(pa.tariff(), pb.tariff());
        assertArrayEquals(pa.meanBillUsd(), pb.meanBillUsd(), "bills, period " + pa.period());
        assertArrayEquals(pa.eeiPct(), pb.eeiPct());
        assertEquals(pa.eeiGapPp(), pb.eeiGapPp());
        assertEquals(pa.incomeSpreadPp(), pb.incomeSpreadPp());
        assertEquals(pa.netRevenueUsd(), pb.netRevenueUsd());
        assertEquals(pa.revenueRatio(), pb.revenueRatio());
      } else {
        assertNull(b.periodOrNull());
      }
    }
    // A snapshot brings the tracker's μ and the aggregators' beliefs into the world's view: equal to
    // the plain world's, so shadow copies of either continue alike.
    steps.sync();
    MeanField fa = ((MeanFieldPopulation) plain.households()).field();
    MeanField fb = ((MeanFieldPopulation) mirror.households()).field();
    for (int c = 0; c < fa.cohorts(); c++) {
      assertArrayEquals(fa.soc(c), fb.soc(c), "μ of cohort " + c);
      assertArrayEquals(fa.action(c), fb.action(c), "actions of cohort " + c);
    }
    for (int n = 0; n < 3; n++) {
      assertArrayEquals(plain.belief().row(n), mirror.belief().row(n), "beliefs at bus " + n);
    }
    World ca = plain.copy();
    World cb = mirror.copy();
    for (int t = 0; t < 8; t++) {
      assertArrayEquals(ca.advance().lmpUsdPerMwh(), cb.advance().lmpUsdPerMwh(), "copy step " + t);
    }
    ActorSteps.Stats s = steps.stats();
    assertEquals(total, s.steps());
    assertEquals(2L * 3 * total, s.byKind().get("aggregators").messages());
    assertTrue(s.byKind().get("tracker").domainNanos() > 0 && s.byKind().get("operator").domainNanos() > 0);
  }

  @Test
  void finiteHouseholdsOnTheTrackerStepLikeAPlainFiniteWorldAndTheViewTakesTheirEmpiricalMu() {
    WorldOptions finite = new WorldOptions("baseline", false, true, 9, 0.25);
    WorldOptions meanField = new WorldOptions("baseline", true, true, 9);
    World plain = new World(SCENARIO, SETTINGS, finite, Tariff.initial(SCENARIO));
    World view = new World(SCENARIO, SETTINGS, meanField, Tariff.initial(SCENARIO));
    ActorSteps steps = spawn(view, meanField, finite);
    GameSettings game = GameSettings.of(SCENARIO);
    PolicyParams[] policies = new PolicyParams[3];
    for (int n = 0; n < 3; n++) {
      policies[n] = LearnerFactory.follower(game, 9, n,
          FollowerProblem.of(view, n, view.belief(), new double[0], game, 0)).exportParams();
      plain.setPolicy(n, LearnedPolicy.of(policies[n]));
    }
    for (int t = 0; t < 12; t++) {
      StepRecord a = plain.advance();
      StepRecord b = steps.play(policies, false).step();
      assertArrayEquals(a.lmpUsdPerMwh(), b.lmpUsdPerMwh(), "LMP, step " + t);
      assertArrayEquals(a.householdNetKwh(), b.householdNetKwh(), "step " + t);
      assertArrayEquals(a.meanSoc(), b.meanSoc(), "mean SoC, step " + t);
    }
    // The view's μ is the households' SoC histogram: mass 1 per cohort, mean = their exact mean SoC.
    steps.sync();
    FinitePopulation households = (FinitePopulation) plain.households();
    MeanField mu = ((MeanFieldPopulation) view.households()).field();
    SocGrid grid = new SocGrid(SETTINGS.socBins());
    GroupLayout layout = plain.layout();
    for (int c = 0; c < mu.cohorts(); c++) {
      long n = Math.max(1, Math.round(layout.count(layout.cohortGroup(c)) * 0.25));
      double exact = 0;
      for (int i = 0; i < n; i++) {
        exact += households.soc(c, i);
      }
      exact /= n;
      double mass = 0;
      double mean = 0;
      for (int j = 0; j < grid.bins(); j++) {
        mass += mu.soc(c)[j];
        mean += mu.soc(c)[j] * grid.centre(j);
      }
      assertEquals(1.0, mass, 1e-12, "mass of cohort " + c);
      assertEquals(exact, mean, 1e-12, "mean SoC of cohort " + c);
    }
    for (int n = 0; n < 3; n++) {
      assertEquals(plain.busMeanSoc()[n], view.busMeanSoc()[n], 1e-12, "bus " + n);
      assertArrayEquals(plain.belief().row(n), view.belief().row(n), "beliefs at bus " + n);
    }
  }

  @Test
  void anAggregatorWithoutAPolicyStopsTheStepWithAnErrorNamingIt() {
    WorldOptions options = new WorldOptions("baseline", true, true, 8);
    World world = new World(SCENARIO, SETTINGS, options, Tariff.initial(SCENARIO));
    ActorSteps steps = spawn(world, options);
    PolicyParams idle = idle();
    // Bus 1's policy is never sent (the coordinator thinks it is installed): the step fails, not hangs.
    PolicyParams[] first = {idle, null, idle};
    StackelgridException e = assertThrows(StackelgridException.class, () -> steps.play(first, false));
    assertTrue(e.getMessage().contains("aggregator agg-b2") && e.getMessage().contains("step 0"), e.getMessage());
  }

  @Test
  void aBatchWhoseFirstStepFailsSaysWhichAndHandsBackNoStep() {
    WorldOptions options = new WorldOptions("baseline", true, true, 9);
    World world = new World(SCENARIO, SETTINGS, options, Tariff.initial(SCENARIO));
    ActorSteps steps = spawn(world, options);
    PolicyParams idle = idle();
    PolicyParams[] first = {idle, idle, null};
    RealSteps.PartlyPlayed e = assertThrows(RealSteps.PartlyPlayed.class, () -> steps.play(first, 24, true));
    assertTrue(e.getMessage().contains("aggregator agg-b3") && e.getMessage().contains("step 0"), e.getMessage());
    assertEquals(0, e.played().size());
    assertEquals(0, steps.stepsDone(), "no step counted");
  }

  @Test
  void worldActorsThatDoNotAnswerAreAFailureOfTheRunNotBadInput() {
    // A missing answer ended the run with exit 2, like bad input; it is a failure of the run (exit 1).
    WorldOptions options = new WorldOptions("baseline", true, true, 10);
    World world = new World(SCENARIO, SETTINGS, options, Tariff.initial(SCENARIO));
    TestProbe<StepBarrierActor.Command> silent = kit.createTestProbe();
    RunFailedException e = assertThrows(RunFailedException.class,
        () -> new ActorSteps(kit.system(), silent.getRef(), world, Duration.ofMillis(300)));
    assertTrue(e.getMessage().contains("no answer from the world's actors"), e.getMessage());
    silent.expectMessageClass(StepBarrierActor.TakeSnapshot.class, Duration.ofSeconds(10));
  }
}
