package io.stackelgrid.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import com.google.protobuf.Message;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.meanfield.MeanFieldPopulation;
import io.stackelgrid.proto.MeanFieldStepped;
import io.stackelgrid.proto.PlanReply;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.proto.StepMeanField;
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

  private static StepMeanField request(long step, double chargeKwh, ActorRef<MeanFieldStepped> replyTo) {
    StepMeanField.Builder b = StepMeanField.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setStep(step)
        .setReplyTo(ActorRefResolver.get(kit.system()).toSerializationFormat(replyTo));
    for (int n = 0; n < SCENARIO.grid().busCount(); n++) {
      PlanReply.Builder p = PlanReply.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setBus(n).setStd(0.1);
      for (int j = 0; j < SETTINGS.socBins(); j++) {
        p.addMeans(chargeKwh);
      }
      b.addPlans(p);
    }
    return b.build();
  }

  @Test
  void aStepAppliesGammaLikeTheLocalMeanField() {
    ActorRef<Message> tracker = kit.spawn(MeanFieldTrackerActor.create(SCENARIO, SETTINGS, OPTIONS));
    TestProbe<MeanFieldStepped> probe = kit.createTestProbe();
    MeanFieldPopulation local = World.meanFieldPopulation(SCENARIO, SETTINGS, OPTIONS);
    int buses = SCENARIO.grid().busCount();
    ActionPlan[] plans = new ActionPlan[buses];
    for (int n = 0; n < buses; n++) {
      plans[n] = new ActionPlan(SETTINGS.socBins());
      java.util.Arrays.fill(plans[n].means(), 0.3);
      plans[n].setStd(0.1);
    }
    GroupFlows flows = new GroupFlows(SCENARIO.households().groups().size());
    for (int t = 0; t < 3; t++) {
      local.act(StepTime.of(SCENARIO.clock(), t), plans, flows);
      tracker.tell(request(t, 0.3, probe.getRef()));
      MeanFieldStepped r = probe.receiveMessage(WAIT);
      assertEquals("", r.getError());
      assertEquals(t, r.getStep());
      for (int g = 0; g < flows.netKwh.length; g++) {
        assertEquals(flows.netKwh[g], r.getNetKwh(g), "group " + g + " step " + t);
        assertEquals(flows.importKwh[g], r.getImportKwh(g));
        assertEquals(flows.exportKwh[g], r.getExportKwh(g));
        assertEquals(flows.storageKwh[g], r.getStorageKwh(g));
      }
      for (int c = 0; c < local.field().cohorts(); c++) {
        double[] soc = r.getCohorts(c).getSocList().stream().mapToDouble(Double::doubleValue).toArray();
        assertArrayEquals(local.field().soc(c), soc, "cohort " + c + " step " + t);
      }
    }
    // μ carries over between steps, so a step out of order is refused with an answer, not a timeout.
    tracker.tell(request(7, 0.3, probe.getRef()));
    MeanFieldStepped bad = probe.receiveMessage(WAIT);
    assertTrue(bad.getError().contains("step 7") && bad.getError().contains("expected step 3"), bad.getError());
  }

  @Test
  void aWorldMovingOnTheTrackerStepsLikeALocalWorldAndItsCopiesToo() {
    World local = new World(SCENARIO, SETTINGS, OPTIONS, Tariff.initial(SCENARIO));
    World viaActor = new World(SCENARIO, SETTINGS, OPTIONS, Tariff.initial(SCENARIO));
    ActorRef<Message> tracker = kit.spawn(MeanFieldTrackerActor.create(SCENARIO, SETTINGS, OPTIONS));
    TrackerHouseholdStep step = new TrackerHouseholdStep(kit.system(), tracker,
        (MeanFieldPopulation) viaActor.households(), WAIT);
    viaActor.setHouseholdStep(step);
    int steps = 2 * SCENARIO.clock().stepsPerDay();
    for (int t = 0; t < steps; t++) {
      StepRecord a = local.advance();
      StepRecord b = viaActor.advance();
      assertArrayEquals(a.householdNetKwh(), b.householdNetKwh(), "step " + t);
      assertArrayEquals(a.meanSoc(), b.meanSoc(), "step " + t);
      assertArrayEquals(a.lmpUsdPerMwh(), b.lmpUsdPerMwh(), "step " + t);
    }
    assertEquals(steps, step.asks());
    // The world's own μ mirrors the tracker's, so its shadow copies continue exactly like the local one's.
    World localCopy = local.copy();
    World actorCopy = viaActor.copy();
    for (int t = 0; t < SCENARIO.clock().stepsPerDay(); t++) {
      StepRecord a = localCopy.advance();
      StepRecord b = actorCopy.advance();
      assertArrayEquals(a.meanSoc(), b.meanSoc(), "copy step " + t);
      assertArrayEquals(a.lmpUsdPerMwh(), b.lmpUsdPerMwh(), "copy step " + t);
    }
    assertEquals(steps, step.asks());
  }
}
