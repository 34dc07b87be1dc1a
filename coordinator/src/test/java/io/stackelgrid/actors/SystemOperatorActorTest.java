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
import io.stackelgrid.proto.DispatchRequest;
import io.stackelgrid.proto.DispatchResult;
import io.stackelgrid.proto.DispatchStatus;
import io.stackelgrid.proto.NamedValue;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.StepRecord;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The system operator's protocol on the typed ActorTestKit, every message serialised. */
class SystemOperatorActorTest {
  static final Scenario SCENARIO = ScenarioLoader.load("three-bus", Map.of());
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
  void aWorldClearingOnTheOperatorStepsLikeAWorldClearingLocally() {
    WorldOptions options = new WorldOptions("baseline", true, true, 5);
    World local = new World(SCENARIO, WorldSettings.of(SCENARIO), options, Tariff.initial(SCENARIO));
    World viaActor = new World(SCENARIO, WorldSettings.of(SCENARIO), options, Tariff.initial(SCENARIO));
    ActorRef<Message> operator = kit.spawn(SystemOperatorActor.create(GRID, SCENARIO.dispatch()));
    OperatorDispatcher dispatcher = new OperatorDispatcher(kit.system(), operator, GRID,
        SCENARIO.clock().stepsPerDay(), WAIT);
    viaActor.setDispatcher(dispatcher);
    int steps = 2 * SCENARIO.clock().stepsPerDay();
    for (int t = 0; t < steps; t++) {
      StepRecord a = local.advance();
      StepRecord b = viaActor.advance();
      assertArrayEquals(a.lmpUsdPerMwh(), b.lmpUsdPerMwh(), "step " + t);
      assertArrayEquals(a.solarMwh(), b.solarMwh(), "step " + t);
      assertArrayEquals(a.meanSoc(), b.meanSoc(), "step " + t);
      assertEquals(a.generationCostUsd(), b.generationCostUsd(), "step " + t);
    }
    assertEquals(steps, dispatcher.asks());
    assertEquals(local.curtailedMwh(), viaActor.curtailedMwh());
    // Copies of the actor-cleared world clear locally and still match the local world's copies.
    StepRecord a = local.copy().advance();
    StepRecord b = viaActor.copy().advance();
    assertArrayEquals(a.lmpUsdPerMwh(), b.lmpUsdPerMwh());
    assertEquals(steps, dispatcher.asks());
  }
}
