package io.stackelgrid.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.stackelgrid.actors.SystemOperatorActor.ClearFailed;
import io.stackelgrid.actors.SystemOperatorActor.ClearLoads;
import io.stackelgrid.actors.SystemOperatorActor.ClearReply;
import io.stackelgrid.actors.SystemOperatorActor.ClearStep;
import io.stackelgrid.actors.SystemOperatorActor.Cleared;
import io.stackelgrid.actors.SystemOperatorActor.DispatchFailed;
import io.stackelgrid.actors.SystemOperatorActor.Dispatched;
import io.stackelgrid.actors.SystemOperatorActor.LoadsReply;
import io.stackelgrid.grid.DcOpf;
import io.stackelgrid.grid.Dispatch;
import io.stackelgrid.grid.Grid;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.world.StepEngine;
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

  /**
   * Independent truth as in node's ThreeBusClosedFormTest: with no solar (step of day 0) and no
   * congestion, every LMP is the λ of equal marginal costs of g1 (0.2p² + 5p) and g2 (0.2p² + 4p).
   */
  private static double systemLambdaUsdPerMwh(double totalLoadMwh) {
    return totalLoadMwh < 2.5 ? 4 + 0.4 * totalLoadMwh : (0.4 * totalLoadMwh + 9) / 2;
  }

  @Test
  void nightStepsArePricedAtTheClosedFormLambdaAndEqualADirectSolve() {
    ActorRef<SystemOperatorActor.Command> operator = kit.spawn(SystemOperatorActor.create(GRID, SCENARIO.dispatch()));
    TestProbe<ClearReply> probe = kit.createTestProbe();
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
      operator.tell(new ClearStep(k, loadMwh, pMaxMwh, probe.getRef()));
      Dispatch fromActor = probe.expectMessageClass(Dispatched.class, WAIT).dispatch();
      assertEquals(k, fromActor.step());
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
    ActorRef<SystemOperatorActor.Command> operator = kit.spawn(SystemOperatorActor.create(GRID, SCENARIO.dispatch()));
    TestProbe<ClearReply> probe = kit.createTestProbe();
    // A load that is not a number at the second bus.
    operator.tell(new ClearStep(7, new double[] {1.0, Double.NaN, 1.0}, null, probe.getRef()));
    DispatchFailed r = probe.expectMessageClass(DispatchFailed.class, WAIT);
    assertEquals(7, r.step());
    assertTrue(r.error().contains("step 7") && r.error().contains(GRID.busName(1)), r.error());
    // The operator keeps serving after a failed step.
    operator.tell(new ClearStep(8, SCENARIO.baselineBusLoad(0), null, probe.getRef()));
    assertEquals(8, probe.expectMessageClass(Dispatched.class, WAIT).dispatch().step());
  }

  @Test
  void aWorldsLoadsAreClearedAtTheSeedsCapacitiesAsADirectSolveClearsThem() {
    WorldOptions options = new WorldOptions("baseline", true, true, 5);
    StepEngine engine = new StepEngine(SCENARIO, WorldSettings.of(SCENARIO));
    ActorRef<SystemOperatorActor.Command> operator = kit.spawn(SystemOperatorActor.create(engine, options));
    TestProbe<LoadsReply> barrier = kit.createTestProbe();
    DcOpf direct = new DcOpf(GRID, SCENARIO.dispatch());
    long key = StepEngine.solarNoiseKey(5);
    for (int step = 0; step < 8; step++) {
      int hour = step % 8;
      double[] loadMwh = SCENARIO.baselineBusLoad(hour);
      operator.tell(new ClearLoads(step, loadMwh, barrier.getRef()));
      StepEngine.Clearing c = barrier.expectMessageClass(Cleared.class, WAIT).clearing();
      // The same step cleared directly, at capacities drawn here from the seed's key.
      Dispatch expected = direct.solve(step, loadMwh, engine.capacities(key, true, step, hour));
      assertArrayEquals(expected.lmp(), c.lmpUsdPerMwh(), "step " + step);
      assertEquals(expected.cost(), c.costUsd());
      if (hour == 0) {
        double total = 0;
        for (double v : loadMwh) {
          total += v;
        }
        assertEquals(systemLambdaUsdPerMwh(total), c.lmpUsdPerMwh()[2], 1e-6, "no solar at night");
      }
    }
    // Loads for the wrong number of buses are answered with an error naming the step.
    operator.tell(new ClearLoads(8, new double[] {1.0}, barrier.getRef()));
    ClearFailed bad = barrier.expectMessageClass(ClearFailed.class, WAIT);
    assertTrue(bad.error().contains("step 8"), bad.error());
  }
}
