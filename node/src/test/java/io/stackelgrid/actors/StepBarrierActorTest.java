package io.stackelgrid.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.stackelgrid.actors.AggregatorActor.BeliefRequest;
import io.stackelgrid.actors.AggregatorActor.BeliefSnapshot;
import io.stackelgrid.actors.AggregatorActor.ObservePrice;
import io.stackelgrid.actors.AggregatorActor.PlanStep;
import io.stackelgrid.actors.AggregatorActor.Planned;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldRefused;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldRequest;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldSnapshot;
import io.stackelgrid.actors.MeanFieldTrackerActor.MoveHouseholds;
import io.stackelgrid.actors.MeanFieldTrackerActor.Moved;
import io.stackelgrid.actors.StepBarrierActor.PlayStep;
import io.stackelgrid.actors.StepBarrierActor.SnapshotRefused;
import io.stackelgrid.actors.StepBarrierActor.SnapshotReply;
import io.stackelgrid.actors.StepBarrierActor.StepsFailed;
import io.stackelgrid.actors.StepBarrierActor.StepsPlayed;
import io.stackelgrid.actors.StepBarrierActor.StepsReply;
import io.stackelgrid.actors.StepBarrierActor.TakeSnapshot;
import io.stackelgrid.actors.StepBarrierActor.WorldSnapshot;
import io.stackelgrid.actors.SystemOperatorActor.ClearFailed;
import io.stackelgrid.actors.SystemOperatorActor.ClearLoads;
import io.stackelgrid.actors.SystemOperatorActor.Cleared;
import io.stackelgrid.actors.UtilityActor.BillStep;
import io.stackelgrid.actors.UtilityActor.Billed;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.PeriodRecord;
import io.stackelgrid.world.StepEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The step barrier's protocol on the typed ActorTestKit, every message serialised: probes stand in
 * for the aggregators, the tracker, the operator and the utility of a world with two aggregators on
 * one bus and none on another, and answer as the world's actors would.
 */
class StepBarrierActorTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final Tariff TARIFF = new Tariff(0.02, 0.01, new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5});
  /** Three-bus with a second aggregator at b2 holding b2's consumers, and none at b3. */
  static final Scenario SCENARIO = ScenarioLoader.load("three-bus", Map.of(
      "households.aggregators", "[{id = a1, bus = b1}, {id = a2, bus = b2}, {id = a2x, bus = b2}]",
      "households.groups", "[{name = p1, kind = prosumer, aggregator = a1, count = 10, storage-kwh = 30,"
          + " income-usd-per-year = 25000}, {name = p2, kind = prosumer, aggregator = a2, count = 10, storage-kwh = 60,"
          + " income-usd-per-year = 45000}, {name = p2x, kind = prosumer, aggregator = a2x, count = 5,"
          + " storage-kwh = 60, income-usd-per-year = 45000}, {name = c3, kind = consumer, bus = b3, count = 30,"
          + " income-usd-per-year = 15000}]"));
  static final StepEngine ENGINE = new StepEngine(SCENARIO, WorldSettings.of(SCENARIO));
  static ActorTestKit kit;

  @BeforeAll
  static void start() {
    kit = SerialisingTestKit.create();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  /** The world around one barrier. */
  private record World(List<TestProbe<AggregatorActor.Command>> aggregators,
      TestProbe<MeanFieldTrackerActor.Command> tracker, TestProbe<SystemOperatorActor.Command> operator,
      TestProbe<UtilityActor.Command> utility, ActorRef<StepBarrierActor.Command> barrier) {}

  private static World world() {
    List<TestProbe<AggregatorActor.Command>> aggregators = new ArrayList<>();
    for (int a = 0; a < 3; a++) {
      aggregators.add(kit.createTestProbe());
    }
    TestProbe<MeanFieldTrackerActor.Command> tracker = kit.createTestProbe();
    TestProbe<SystemOperatorActor.Command> operator = kit.createTestProbe();
    TestProbe<UtilityActor.Command> utility = kit.createTestProbe();
    ActorRef<StepBarrierActor.Command> barrier = kit.spawn(StepBarrierActor.create(ENGINE,
        aggregators.stream().map(TestProbe::getRef).toList(), tracker.getRef(), operator.getRef(), utility.getRef()));
    return new World(aggregators, tracker, operator, utility, barrier);
  }

  private static PolicyParams policy(String name) {
    return new PolicyParams(name, 1, new int[] {1, 1}, new int[] {1, 1}, new float[] {1, 2}, new float[] {3, 4},
        new float[] {0});
  }

  private static ActionPlan plan(double mean) {
    double[] means = new double[ENGINE.socGrid().bins()];
    java.util.Arrays.fill(means, mean);
    return new ActionPlan(means, 0.1, false);
  }

  /** What the tracker answers: loads {@code 1, 2, 3} and mean SoC {@code soc} at every bus. */
  private static StepEngine.Moved moved(double soc) {
    StepEngine.BusLoads loads = new StepEngine.BusLoads(new double[] {1, 2, 3}, new double[3], new double[3],
        new double[3], new double[3]);
    return new StepEngine.Moved(new GroupFlows(4), loads, new double[] {soc, soc, soc});
  }

  private static StepEngine.Clearing clearing(long step) {
    return new StepEngine.Clearing(new double[] {20 + step, 21 + step, 22 + step}, new double[3], new double[3],
        new double[3], new double[3], 0, 100, List.of());
  }

  @Test
  void eachPhaseWaitsForTheLastAndABatchAnswersOnce() {
    World w = world();
    TestProbe<StepsReply> coordinator = kit.createTestProbe();
    PolicyParams fresh = policy("follower-1");
    w.barrier().tell(new PlayStep(24, TARIFF, new double[] {0.4, 0.5, 0.6}, true, Map.of(1, fresh), 2,
        coordinator.getRef()));
    for (int k = 0; k < 2; k++) {
      long step = 24 + k;
      List<PlanStep> asks = new ArrayList<>();
      for (TestProbe<AggregatorActor.Command> a : w.aggregators()) {
        asks.add(a.expectMessageClass(PlanStep.class, WAIT));
      }
      // Each aggregator sees its own bus's mean SoC: the request's, then the last step's.
      double[] expected = k == 0 ? new double[] {0.4, 0.5, 0.5} : new double[] {0.3, 0.3, 0.3};
      for (int a = 0; a < 3; a++) {
        assertEquals(step, asks.get(a).step());
        assertEquals(expected[a], asks.get(a).busMeanSoc(), "aggregator " + a);
        assertEquals(k == 0 && a == 1 ? fresh : null, asks.get(a).policyOrNull(), "only the first step's new policy");
      }
      // The plans arrive in any order; the tracker is asked only once all are in, with them by aggregator.
      for (int a = 2; a >= 0; a--) {
        w.tracker().expectNoMessage(Duration.ofMillis(a == 2 ? 0 : 20));
        asks.get(a).replyTo().tell(new Planned(step, a, plan(a / 10.0), 5 + a));
      }
      MoveHouseholds move = w.tracker().expectMessageClass(MoveHouseholds.class, WAIT);
      assertEquals(0.2, move.plans().get(2).mean(0));
      move.replyTo().tell(new Moved(step, moved(0.3), 7));
      ClearLoads clear = w.operator().expectMessageClass(ClearLoads.class, WAIT);
      assertArrayEquals(new double[] {1, 2, 3}, clear.loadMwh());
      clear.replyTo().tell(new Cleared(step, clearing(step), 8));
      BillStep bill = w.utility().expectMessageClass(BillStep.class, WAIT);
      assertEquals(k == 1, bill.closesPeriod(), "only the batch's last step closes the period");
      assertEquals(TARIFF, bill.tariff());
      // Every aggregator is told the price at its own bus (two share b2).
      double[] prices = {20 + step, 21 + step, 21 + step};
      for (int a = 0; a < 3; a++) {
        ObservePrice o = w.aggregators().get(a).expectMessageClass(ObservePrice.class, WAIT);
        assertEquals(prices[a], o.lmpUsdPerMwh(), "aggregator " + a);
      }
      coordinator.expectNoMessage(Duration.ofMillis(20));
      bill.replyTo().tell(new Billed(step, k == 1 ? period() : null, 9));
    }
    StepsPlayed played = coordinator.expectMessageClass(StepsPlayed.class, WAIT);
    assertEquals(2, played.played().size());
    assertEquals(24, played.played().get(0).record().step());
    assertArrayEquals(new double[] {44, 45, 46}, played.played().get(0).record().lmpUsdPerMwh());
    assertNull(played.played().get(0).periodOrNull());
    assertEquals(8, played.played().get(1).periodOrNull().period());
    assertEquals(List.of("aggregator a1 plan", "aggregator a2 plan", "aggregator a2x plan", "tracker", "operator",
        "utility"), played.played().get(1).timings().stream().map(StepBarrierActor.ActorTiming::actor).toList());
  }

  private static PeriodRecord period() {
    return new PeriodRecord(8, 3, TARIFF, new double[4], new double[4], new double[6], 1, 2, 3, 0.9);
  }

  @Test
  void theFirstFailureAnswersAtOnceWithTheStepsPlayedBeforeIt() {
    World w = world();
    TestProbe<StepsReply> coordinator = kit.createTestProbe();
    w.barrier().tell(new PlayStep(0, TARIFF, new double[] {0.5, 0.5, 0.5}, false, Map.of(), 3, coordinator.getRef()));
    for (long step = 0; step < 2; step++) {
      for (int a = 0; a < 3; a++) {
        if (step > 0) {
          w.aggregators().get(a).expectMessageClass(ObservePrice.class, WAIT);
        }
        PlanStep ask = w.aggregators().get(a).expectMessageClass(PlanStep.class, WAIT);
        ask.replyTo().tell(new Planned(step, a, plan(0), 0));
      }
      MoveHouseholds move = w.tracker().expectMessageClass(MoveHouseholds.class, WAIT);
      move.replyTo().tell(new Moved(step, moved(0.5), 0));
      ClearLoads clear = w.operator().expectMessageClass(ClearLoads.class, WAIT);
      if (step == 1) {
        clear.replyTo().tell(new ClearFailed(1, "step 1: infeasible (seed 3)"));
        break;
      }
      clear.replyTo().tell(new Cleared(step, clearing(step), 0));
      w.utility().expectMessageClass(BillStep.class, WAIT).replyTo().tell(new Billed(step, null, 0));
    }
    StepsFailed failed = coordinator.expectMessageClass(StepsFailed.class, WAIT);
    assertEquals("step 1: infeasible (seed 3)", failed.error());
    assertEquals(1, failed.played().size());
    w.utility().expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void aSnapshotGathersTheTrackersFieldAndEveryBeliefOrSaysWhoRefused() {
    World w = world();
    TestProbe<SnapshotReply> coordinator = kit.createTestProbe();
    w.barrier().tell(new TakeSnapshot(48, coordinator.getRef()));
    FieldRequest fr = w.tracker().expectMessageClass(FieldRequest.class, WAIT);
    assertEquals(48, fr.stepsDone());
    for (int a = 2; a >= 0; a--) {
      BeliefRequest br = w.aggregators().get(a).expectMessageClass(BeliefRequest.class, WAIT);
      br.replyTo().tell(new BeliefSnapshot(a, new double[] {a, Double.NaN}));
    }
    fr.replyTo().tell(new FieldSnapshot(new double[][] {{1, 0}}, new double[][] {{0, 1}}, new double[] {0.2, 0.7, 0}));
    WorldSnapshot s = (WorldSnapshot) coordinator.receiveMessage(WAIT);
    assertArrayEquals(new double[] {0.2, 0.7, 0}, s.field().busMeanSoc());
    assertEquals(3, s.beliefs().size());
    assertEquals(1, s.beliefs().get(1).aggregator(), "beliefs by aggregator, whatever order they came in");
    assertTrue(Double.isNaN(s.beliefs().get(0).beliefUsdPerMwh()[1]), "an unknown belief travels as NaN");

    w.barrier().tell(new TakeSnapshot(49, coordinator.getRef()));
    w.tracker().expectMessageClass(FieldRequest.class, WAIT).replyTo()
        .tell(new FieldRefused("the mean-field tracker has played 48 steps"));
    for (TestProbe<AggregatorActor.Command> a : w.aggregators()) {
      BeliefRequest br = a.expectMessageClass(BeliefRequest.class, WAIT);
      br.replyTo().tell(new BeliefSnapshot(0, new double[2]));
    }
    SnapshotRefused refused = (SnapshotRefused) coordinator.receiveMessage(WAIT);
    assertFalse(refused.why().isEmpty());
    assertTrue(refused.why().contains("48 steps"), refused.why());
  }
}
