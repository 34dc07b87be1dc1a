package io.stackelgrid.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import com.google.protobuf.Message;
import io.stackelgrid.grid.DcOpf;
import io.stackelgrid.grid.Dispatch;
import io.stackelgrid.grid.DispatchException;
import io.stackelgrid.grid.DispatchMessages;
import io.stackelgrid.grid.Grid;
import io.stackelgrid.proto.ClearStep;
import io.stackelgrid.proto.Cleared;
import io.stackelgrid.proto.NetDemand;
import io.stackelgrid.proto.StepRouting;
import io.stackelgrid.proto.DispatchRequest;
import io.stackelgrid.proto.DispatchResult;
import io.stackelgrid.proto.DispatchStatus;
import io.stackelgrid.proto.NamedValue;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.world.StepPhases;
import io.stackelgrid.world.WorldOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The system operator's protocol on the typed ActorTestKit, every message serialised. */
class SystemOperatorActorTest {
  // The first reading's small loads stay uncongested at every scale below (closed-form λ).
  static final Scenario SCENARIO = ScenarioLoader.load("three-bus-daily-demand", Map.of());
  static final Grid GRID = SCENARIO.grid();
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

  private static ClearStep clear(DispatchRequest request, ActorRef<DispatchResult> replyTo) {
    return ClearStep.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setRequest(request)
        .setReplyTo(ActorRefResolver.get(kit.system()).toSerializationFormat(replyTo)).build();
  }

  /**
   * Independent truth as in node's ThreeBusClosedFormTest: with no solar (step of day 0) and no
   * congestion, every LMP is the λ of equal marginal costs of g1 (0.2p² + 5p) and g2 (0.2p² + 4p).
   */
  private static double systemLambdaUsdPerMwh(double totalLoadMwh) {
    return totalLoadMwh < 2.5 ? 4 + 0.4 * totalLoadMwh : (0.4 * totalLoadMwh + 9) / 2;
  }

  @Test
  void nightStepsArePricedAtTheClosedFormLambdaAndEqualADirectSolve() {
    ActorRef<Message> operator = kit.spawn(SystemOperatorActor.create(GRID, SCENARIO.dispatch()));
    TestProbe<DispatchResult> probe = kit.createTestProbe();
    DcOpf direct = new DcOpf(GRID, SCENARIO.dispatch());
    double[] scales = {0.1, 0.5, 2.0, 5.0, 20.0};
    for (int k = 0; k < scales.length; k++) {
      double[] loadMwh = SCENARIO.baselineBusLoad(0);
      double totalMwh = 0;
      for (int n = 0; n < loadMwh.length; n++) {
        loadMwh[n] *= scales[k];
        totalMwh += loadMwh[n];
      }
      double[] pMaxMwh = GRID.pMaxAt(0, null);
      operator.tell(clear(DispatchMessages.request(GRID, k, 0, loadMwh, pMaxMwh), probe.getRef()));
      DispatchResult r = probe.receiveMessage(WAIT);
      assertEquals(DispatchStatus.OPTIMAL, r.getStatus(), r.getError());
      assertEquals(k, r.getStep());
      Dispatch fromActor = DispatchMessages.dispatch(GRID, r, "operator");
      double lambda = systemLambdaUsdPerMwh(totalMwh);
      for (int n = 0; n < GRID.busCount(); n++) {
        assertEquals(lambda, fromActor.lmp()[n], 1e-6, "LMP at " + GRID.busName(n) + ", load × " + scales[k]);
      }
      // The same steps in the same order on a local solver give the same numbers, bit for bit.
      Dispatch d = direct.solve(k, loadMwh, pMaxMwh);
      assertArrayEquals(d.lmp(), fromActor.lmp());
      assertArrayEquals(d.generation(), fromActor.generation());
      assertArrayEquals(d.flow(), fromActor.flow());
      assertArrayEquals(d.shed(), fromActor.shed());
      assertArrayEquals(d.spill(), fromActor.spill());
      assertEquals(d.cost(), fromActor.cost());
    }
  }

  @Test
  void aRequestThatCannotBeClearedGetsAFailedResultNamingTheBus() {
    ActorRef<Message> operator = kit.spawn(SystemOperatorActor.create(GRID, SCENARIO.dispatch()));
    TestProbe<DispatchResult> probe = kit.createTestProbe();
    DispatchRequest missingBus = DispatchRequest.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
        .setStep(7).addBusLoad(NamedValue.newBuilder().setName(GRID.busName(0)).setValue(1.0)).build();
    operator.tell(clear(missingBus, probe.getRef()));
    DispatchResult r = probe.receiveMessage(WAIT);
    assertEquals(DispatchStatus.FAILED, r.getStatus());
    assertEquals(7, r.getStep());
    assertTrue(r.getError().contains("step 7") && r.getError().contains(GRID.busName(1)), r.getError());
    DispatchException e = assertThrows(DispatchException.class,
        () -> DispatchMessages.dispatch(GRID, r, "operator"));
    assertEquals(r.getError(), e.getMessage());
    // The operator keeps serving after a failed step.
    operator.tell(clear(DispatchMessages.request(GRID, 8, 0, SCENARIO.baselineBusLoad(0), null), probe.getRef()));
    assertEquals(DispatchStatus.OPTIMAL, probe.receiveMessage(WAIT).getStatus());
  }

  @Test
  void aWorldsNetDemandIsClearedAtTheSeedsCapacitiesAndSentToEveryoneOnTheRoutingList() {
    WorldOptions options = new WorldOptions("baseline", true, true, 5);
    ActorRef<Message> operator = kit.spawn(SystemOperatorActor.create(SCENARIO, options));
    TestProbe<Message> barrier = kit.createTestProbe();
    TestProbe<Message> utility = kit.createTestProbe();
    ActorRefResolver resolver = ActorRefResolver.get(kit.system());
    StepRouting routing = StepRouting.newBuilder().setBarrier(resolver.toSerializationFormat(barrier.getRef()))
        .addClearedTo(resolver.toSerializationFormat(barrier.getRef()))
        .addClearedTo(resolver.toSerializationFormat(utility.getRef())).build();
    DcOpf direct = new DcOpf(GRID, SCENARIO.dispatch());
    long key = StepPhases.solarNoiseKey(5);
    for (int step = 0; step < 8; step++) {
      int hour = step % 8;
      double[] loadMwh = SCENARIO.baselineBusLoad(hour);
      NetDemand.Builder d = NetDemand.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setStep(step)
          .setRouting(routing);
      for (double v : loadMwh) {
        d.addBusLoad(v);
      }
      operator.tell(d.build());
      Cleared toBarrier = barrier.expectMessageClass(Cleared.class, WAIT);
      assertEquals(toBarrier, utility.expectMessageClass(Cleared.class, WAIT));
      assertEquals("", toBarrier.getError());
      // The same step cleared directly, at capacities drawn here from the seed's key.
      Dispatch expected = direct.solve(step, loadMwh, StepPhases.capacities(SCENARIO, key, true, step, hour));
      for (int n = 0; n < GRID.busCount(); n++) {
        assertEquals(expected.lmp()[n], toBarrier.getLmpUsdPerMwh(n), "step " + step + " bus " + n);
      }
      assertEquals(expected.cost(), toBarrier.getCostUsd());
      if (hour == 0) {
        double total = 0;
        for (double v : loadMwh) {
          total += v;
        }
        assertEquals(systemLambdaUsdPerMwh(total), toBarrier.getLmpUsdPerMwh(2), 1e-6, "no solar at night");
      }
    }
    // A demand for the wrong number of buses is answered with an error naming the step.
    operator.tell(NetDemand.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setStep(8).addBusLoad(1.0)
        .setRouting(routing).build());
    Cleared bad = barrier.expectMessageClass(Cleared.class, WAIT);
    assertTrue(bad.getError().contains("step 8"), bad.getError());
  }
}
