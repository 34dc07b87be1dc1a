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
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldRequest;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldSnapshot;
import io.stackelgrid.actors.StepBarrierActor.PlayStep;
import io.stackelgrid.actors.StepBarrierActor.SnapshotRefused;
import io.stackelgrid.actors.StepBarrierActor.SnapshotReply;
import io.stackelgrid.actors.StepBarrierActor.StepsFailed;
import io.stackelgrid.actors.StepBarrierActor.StepsPlayed;
import io.stackelgrid.actors.StepBarrierActor.StepsReply;
import io.stackelgrid.actors.StepBarrierActor.TakeSnapshot;
import io.stackelgrid.actors.StepBarrierActor.WorldSnapshot;
import io.stackelgrid.actors.StepProtocol.Cleared;
import io.stackelgrid.actors.StepProtocol.StepFailed;
import io.stackelgrid.actors.StepProtocol.StepStart;
import io.stackelgrid.actors.SystemOperatorActor.NetDemand;
import io.stackelgrid.actors.UtilityActor.Billed;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.PeriodRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The step barrier's protocol on the typed ActorTestKit, every message serialised: probes stand in
 * for the utility, two aggregators and the tracker, and answer as the world's actors would.
 */
class StepBarrierActorTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final Tariff TARIFF = new Tariff(0.02, 0.01, new double[] {0.5, 0.5});
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
  private record World(TestProbe<UtilityActor.Command> utility, List<TestProbe<AggregatorActor.Command>> aggregators,
      TestProbe<MeanFieldTrackerActor.Command> tracker, ActorRef<StepBarrierActor.Command> barrier) {}

  private static World world() {
    TestProbe<UtilityActor.Command> utility = kit.createTestProbe();
    List<TestProbe<AggregatorActor.Command>> aggregators = List.of(kit.createTestProbe(), kit.createTestProbe());
    TestProbe<MeanFieldTrackerActor.Command> tracker = kit.createTestProbe();
    ActorRef<StepBarrierActor.Command> barrier = kit.spawn(StepBarrierActor.create(
        aggregators.stream().map(TestProbe::getRef).toList(), utility.getRef(), tracker.getRef()));
    return new World(utility, aggregators, tracker, barrier);
  }

  /** The operator's Cleared of {@code step}: bus mean SoC after it is {@code soc}. */
  private static Cleared cleared(long step, double soc, StepStart start) {
    NetDemand d = new NetDemand(step, new double[] {1, 2}, new double[2], new double[2], new GroupFlows(2),
        new double[] {soc, soc}, new long[] {5, 6}, 7, start.routing());
    return new Cleared(step, new double[] {20 + step, 21 + step}, new double[2], new double[2], new double[2],
        new double[2], 100, 0, d, 8);
  }

  private static PolicyParams policy(String name) {
    return new PolicyParams(name, 1, new int[] {1, 1}, new int[] {1, 1}, new float[] {1, 2}, new float[] {3, 4},
        new float[] {0});
  }

  @Test
  void aBatchStartsEachStepOnceTheLastIsClearedAndBilledAndAnswersOnce() {
    World w = world();
    TestProbe<StepsReply> coordinator = kit.createTestProbe();
    PolicyParams fresh = policy("follower-1");
    w.barrier().tell(new PlayStep(24, TARIFF, new double[] {0.4, 0.5}, true, Map.of(1, fresh), 2,
        coordinator.getRef()));
    for (int k = 0; k < 2; k++) {
      long step = 24 + k;
      StepStart toUtility = w.utility().expectMessageClass(StepStart.class, WAIT);
      StepStart to0 = w.aggregators().get(0).expectMessageClass(StepStart.class, WAIT);
      StepStart to1 = w.aggregators().get(1).expectMessageClass(StepStart.class, WAIT);
      assertEquals(step, toUtility.step());
      assertEquals(TARIFF, toUtility.tariff());
      assertEquals(k == 1, toUtility.closesPeriod(), "only the batch's last step closes the period");
      // Each next step starts from the last step's mean SoC; only the first carries the new policy.
      assertArrayEquals(k == 0 ? new double[] {0.4, 0.5} : new double[] {0.3, 0.3}, to0.busMeanSoc());
      assertNull(to0.policyOrNull());
      assertEquals(k == 0 ? fresh : null, to1.policyOrNull());
      assertEquals(w.barrier(), toUtility.routing().barrier());
      // Billed alone does not move the barrier on: the step waits for its Cleared as well.
      w.barrier().tell(new Billed(step, k == 1 ? period() : null, 9));
      w.utility().expectNoMessage(Duration.ofMillis(50));
      w.barrier().tell(cleared(step, 0.3, toUtility));
    }
    StepsPlayed played = coordinator.expectMessageClass(StepsPlayed.class, WAIT);
    assertEquals(2, played.played().size());
    assertEquals(24, played.played().get(0).cleared().step());
    assertNull(played.played().get(0).periodOrNull());
    assertEquals(8, played.played().get(1).periodOrNull().period());
    assertEquals(List.of("aggregator-0-plan", "aggregator-1-plan", "tracker", "operator", "utility"),
        played.played().get(1).timings().stream().map(StepBarrierActor.ActorTiming::actor).toList());
  }

  private static PeriodRecord period() {
    return new PeriodRecord(8, 3, TARIFF, new double[] {1, 2}, new double[] {3, 4}, 1, 2, 3, 0.9);
  }

  @Test
  void theFirstFailureAnswersAtOnceWithTheStepsPlayedBeforeIt() {
    World w = world();
    TestProbe<StepsReply> coordinator = kit.createTestProbe();
    w.barrier().tell(new PlayStep(0, TARIFF, new double[] {0.5, 0.5}, false, Map.of(), 3, coordinator.getRef()));
    StepStart first = w.utility().expectMessageClass(StepStart.class, WAIT);
    w.barrier().tell(cleared(0, 0.5, first));
    w.barrier().tell(new Billed(0, null, 1));
    w.utility().expectMessageClass(StepStart.class, WAIT);
    w.barrier().tell(new StepFailed(1, "system operator", "step 1: infeasible (seed 3)"));
    StepsFailed failed = coordinator.expectMessageClass(StepsFailed.class, WAIT);
    assertEquals("step 1: infeasible (seed 3)", failed.error());
    assertEquals(1, failed.played().size());
    // A late report of the failed step changes nothing.
    w.barrier().tell(new Billed(1, null, 1));
    coordinator.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void aSnapshotGathersTheTrackersFieldAndEveryBeliefOrSaysWhoRefused() {
    World w = world();
    TestProbe<SnapshotReply> coordinator = kit.createTestProbe();
    w.barrier().tell(new TakeSnapshot(48, coordinator.getRef()));
    FieldRequest fr = w.tracker().expectMessageClass(FieldRequest.class, WAIT);
    assertEquals(48, fr.stepsDone());
    for (int n = 1; n >= 0; n--) {
      BeliefRequest br = w.aggregators().get(n).expectMessageClass(BeliefRequest.class, WAIT);
      br.replyTo().tell(new BeliefSnapshot(n, new double[] {n, Double.NaN}));
    }
    fr.replyTo().tell(new FieldSnapshot(new double[][] {{1, 0}}, new double[][] {{0, 1}}, new double[] {0.2, 0.7}));
    WorldSnapshot s = (WorldSnapshot) coordinator.receiveMessage(WAIT);
    assertArrayEquals(new double[] {0.2, 0.7}, s.field().busMeanSoc());
    assertEquals(2, s.beliefs().size());
    assertEquals(1, s.beliefs().get(1).bus(), "beliefs by bus, whatever order they came in");
    assertTrue(Double.isNaN(s.beliefs().get(0).beliefUsdPerMwh()[1]), "an unknown belief travels as NaN");

    w.barrier().tell(new TakeSnapshot(49, coordinator.getRef()));
    w.tracker().expectMessageClass(FieldRequest.class, WAIT).replyTo()
        .tell(new SnapshotRefused("the mean-field tracker has played 48 steps"));
    for (TestProbe<AggregatorActor.Command> a : w.aggregators()) {
      BeliefRequest br = a.expectMessageClass(BeliefRequest.class, WAIT);
      br.replyTo().tell(new BeliefSnapshot(0, new double[2]));
    }
    SnapshotRefused refused = (SnapshotRefused) coordinator.receiveMessage(WAIT);
    assertFalse(refused.why().isEmpty());
    assertTrue(refused.why().contains("48 steps"), refused.why());
  }
}
