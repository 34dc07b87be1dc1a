package io.stackelgrid.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldRequest;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldSnapshot;
import io.stackelgrid.actors.MeanFieldTrackerActor.Planned;
import io.stackelgrid.actors.StepProtocol.Routing;
import io.stackelgrid.actors.StepProtocol.StepFailed;
import io.stackelgrid.actors.SystemOperatorActor.NetDemand;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.meanfield.MeanFieldPopulation;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mean-field tracker's protocol on the typed ActorTestKit, every message serialised. */
class MeanFieldTrackerActorTest {
  static final Scenario SCENARIO = ScenarioLoader.load("three-bus", Map.of());
  static final WorldSettings SETTINGS = WorldSettings.of(SCENARIO);
  static final WorldOptions OPTIONS = new WorldOptions("baseline", true, true, 3);
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

  /** The plan of {@code bus}: mean action {@code slope}·(bin − 25)/50 per bin, spread 0.1. */
  private static Planned plan(long step, int bus, double slope, Routing routing) {
    double[] means = new double[SETTINGS.socBins()];
    for (int j = 0; j < means.length; j++) {
      means[j] = slope * (j - 25) / 50.0;
    }
    return new Planned(step, bus, means, 0.1, false, 0, routing);
  }

  @Test
  void theTrackerMovesMuOnceEveryPlanIsInAndSendsTheNetDemandALocalMeanFieldGives() {
    TestProbe<SystemOperatorActor.Command> operator = kit.createTestProbe();
    TestProbe<StepBarrierActor.Command> barrier = kit.createTestProbe();
    TestProbe<UtilityActor.Command> utility = kit.createTestProbe();
    ActorRef<MeanFieldTrackerActor.Command> tracker = kit.spawn(MeanFieldTrackerActor.create(SCENARIO, SETTINGS,
        OPTIONS, operator.getRef()));
    Routing routing = new Routing(barrier.getRef(), utility.getRef(), List.of());
    MeanFieldPopulation local = World.meanFieldPopulation(SCENARIO, SETTINGS, OPTIONS);
    GroupLayout layout = new GroupLayout(SCENARIO);
    int buses = SCENARIO.grid().busCount();
    ActionPlan[] plans = new ActionPlan[buses];
    GroupFlows flows = new GroupFlows(layout.groupCount());
    for (int t = 0; t < 3; t++) {
      for (int n = 0; n < buses; n++) {
        plans[n] = new ActionPlan(SETTINGS.socBins());
        for (int j = 0; j < SETTINGS.socBins(); j++) {
          plans[n].means()[j] = (n + 1) * (j - 25) / 50.0;
        }
        plans[n].setStd(0.1);
      }
      local.act(StepTime.of(SCENARIO.clock(), t), plans, flows);
      // Plans arrive in any order; the tracker moves only when the last one is in.
      for (int n = buses - 1; n >= 0; n--) {
        operator.expectNoMessage(Duration.ofMillis(n == buses - 1 ? 0 : 20));
        tracker.tell(plan(t, n, n + 1, routing));
      }
      NetDemand d = operator.expectMessageClass(NetDemand.class, WAIT);
      assertEquals(t, d.step());
      for (int g = 0; g < flows.netKwh.length; g++) {
        assertEquals(flows.netKwh[g], d.flows().netKwh[g], "group " + g + " step " + t);
        assertEquals(flows.importKwh[g], d.flows().importKwh[g]);
        assertEquals(flows.exportKwh[g], d.flows().exportKwh[g]);
      }
      // Bus load = base load + households' kWh in MWh: the three-bus base loads are 0.
      double[] busKwh = flows.busNetKwh(layout, new double[buses]);
      for (int n = 0; n < buses; n++) {
        assertEquals(busKwh[n] / 1000, d.busLoadMwh()[n], 1e-12, "bus " + n);
      }
    }
    // A snapshot gives the tracker's μ: the local mean field's, bin for bin.
    tracker.tell(new FieldRequest(3, barrier.getRef()));
    FieldSnapshot s = barrier.expectMessageClass(FieldSnapshot.class, WAIT);
    for (int c = 0; c < local.field().cohorts(); c++) {
      assertArrayEquals(local.field().soc(c), s.socByCohort()[c], "cohort " + c);
    }
    // μ carries over between steps, so a plan out of order is refused with an answer, not a timeout.
    tracker.tell(plan(7, 0, 1, routing));
    StepFailed bad = barrier.expectMessageClass(StepFailed.class, WAIT);
    assertTrue(bad.error().contains("step 7") && bad.error().contains("expected step 3"), bad.error());
    assertEquals("tracker", bad.actor());
  }
}
