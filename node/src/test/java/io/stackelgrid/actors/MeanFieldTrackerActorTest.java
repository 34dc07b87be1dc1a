package io.stackelgrid.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldReply;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldRequest;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldSnapshot;
import io.stackelgrid.actors.MeanFieldTrackerActor.MoveFailed;
import io.stackelgrid.actors.MeanFieldTrackerActor.MoveHouseholds;
import io.stackelgrid.actors.MeanFieldTrackerActor.MoveReply;
import io.stackelgrid.actors.MeanFieldTrackerActor.Moved;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.meanfield.MeanFieldPopulation;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.world.StepEngine;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mean-field tracker's protocol on the typed ActorTestKit, every message serialised. */
class MeanFieldTrackerActorTest {
  static final Scenario SCENARIO = ScenarioLoader.load("three-bus", Map.of());
  static final StepEngine ENGINE = new StepEngine(SCENARIO, WorldSettings.of(SCENARIO));
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

  /** Aggregator a's plan: mean action (a + 1)·(bin − 25)/50 per bin, spread 0.1. */
  private static List<ActionPlan> plans() {
    List<ActionPlan> out = new ArrayList<>();
    for (int a = 0; a < ENGINE.layout().aggregatorCount(); a++) {
      double[] means = new double[ENGINE.socGrid().bins()];
      for (int j = 0; j < means.length; j++) {
        means[j] = (a + 1) * (j - 25) / 50.0;
      }
      out.add(new ActionPlan(means, 0.1, false));
    }
    return out;
  }

  @Test
  void theTrackerMovesTheHouseholdsAsALocalMeanFieldDoesAndKeepsMuForSnapshots() {
    TestProbe<MoveReply> barrier = kit.createTestProbe();
    ActorRef<MeanFieldTrackerActor.Command> tracker = kit.spawn(MeanFieldTrackerActor.create(ENGINE, OPTIONS));
    MeanFieldPopulation local = World.meanFieldPopulation(ENGINE, OPTIONS);
    GroupLayout layout = ENGINE.layout();
    int buses = SCENARIO.grid().busCount();
    for (int t = 0; t < 3; t++) {
      GroupFlows flows = new GroupFlows(layout.groupCount());
      local.act(StepTime.of(SCENARIO.clock(), t), plans().toArray(ActionPlan[]::new), flows);
      tracker.tell(new MoveHouseholds(t, plans(), barrier.getRef()));
      StepEngine.Moved m = barrier.expectMessageClass(Moved.class, WAIT).moved();
      assertArrayEquals(flows.netKwh, m.flows().netKwh, "step " + t);
      assertArrayEquals(flows.importKwh, m.flows().importKwh);
      assertArrayEquals(flows.exportKwh, m.flows().exportKwh);
      // Bus load = base load + households' kWh in MWh: the three-bus base loads are 0.
      double[] busKwh = flows.busNetKwh(layout, new double[buses]);
      for (int n = 0; n < buses; n++) {
        assertEquals(busKwh[n] / 1000, m.loads().loadMwh()[n], 1e-12, "bus " + n);
        assertEquals(local.cohortMeanSoc(n), m.busMeanSoc()[n], 1e-12, "one prosumer group a bus");
      }
    }
    // A snapshot gives the tracker's μ: the local mean field's, bin for bin.
    TestProbe<FieldReply> snapshots = kit.createTestProbe();
    tracker.tell(new FieldRequest(3, snapshots.getRef()));
    FieldSnapshot s = snapshots.expectMessageClass(FieldSnapshot.class, WAIT);
    for (int c = 0; c < local.field().cohorts(); c++) {
      assertArrayEquals(local.field().soc(c), s.socByCohort()[c], "cohort " + c);
    }
    // μ carries over between steps, so plans out of order are refused with an answer, not a timeout.
    tracker.tell(new MoveHouseholds(7, plans(), barrier.getRef()));
    MoveFailed bad = barrier.expectMessageClass(MoveFailed.class, WAIT);
    assertTrue(bad.error().contains("step 7") && bad.error().contains("expected step 3"), bad.error());
    // So are plans for another number of aggregators.
    tracker.tell(new MoveHouseholds(3, plans().subList(0, 1), barrier.getRef()));
    bad = barrier.expectMessageClass(MoveFailed.class, WAIT);
    assertTrue(bad.error().contains("1 plans for 3 aggregators"), bad.error());
  }
}
