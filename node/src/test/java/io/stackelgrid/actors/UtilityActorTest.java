package io.stackelgrid.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import com.google.protobuf.Message;
import io.stackelgrid.game.TariffCodec;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.proto.Cleared;
import io.stackelgrid.proto.NetDemand;
import io.stackelgrid.proto.PeriodClosed;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.proto.StepAck;
import io.stackelgrid.proto.StepRouting;
import io.stackelgrid.proto.StepStart;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.tariff.Tariff;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The utility's billing in the step flow on the typed ActorTestKit, every message serialised. */
class UtilityActorTest {
  static final Scenario SCENARIO = ScenarioLoader.load("three-bus", Map.of());
  static final GroupLayout LAYOUT = new GroupLayout(SCENARIO);
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

  private static StepStart start(long step, Tariff t, boolean closes, StepRouting routing) {
    return StepStart.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setStep(step)
        .setTariff(StepMessages.tariff(t)).setClosesPeriod(closes).setRouting(routing).build();
  }

  /** Every group imports {@code importKwh} per household and exports nothing; LMP {@code lmp} everywhere. */
  private static Cleared cleared(long step, double importKwh, double lmp) {
    NetDemand.Builder d = NetDemand.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setStep(step);
    for (int g = 0; g < LAYOUT.groupCount(); g++) {
      double kwh = importKwh * LAYOUT.count(g);
      d.addNetKwh(kwh).addImportKwh(kwh).addExportKwh(0).addStorageKwh(0);
    }
    Cleared.Builder c = Cleared.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setStep(step).setDemand(d);
    for (int n = 0; n < SCENARIO.grid().busCount(); n++) {
      c.addLmpUsdPerMwh(lmp);
    }
    return c.build();
  }

  @Test
  void billsEveryStepAtItsTariffAndClosesThePeriodWithTheRecordItsBillsGive() {
    ActorRef<Message> utility = kit.spawn(UtilityActor.create(new TariffCodec(SCENARIO.tariff(),
        LAYOUT.groupCount(), TariffCodec.Centre.INITIAL), SCENARIO));
    TestProbe<Message> barrier = kit.createTestProbe();
    StepRouting routing = StepRouting.newBuilder()
        .setBarrier(ActorRefResolver.get(kit.system()).toSerializationFormat(barrier.getRef())).build();
    Tariff t = new Tariff(0.02, 0.0, new double[] {0.4, 0.8, 1.2, 0.1, 0.2, 0.3});
    // Step 0: Cleared overtakes the step's start (possible across machines): billed once the start is in.
    utility.tell(cleared(0, 2.0, 30));
    barrier.expectNoMessage(Duration.ofMillis(100));
    utility.tell(start(0, t, false, routing));
    StepAck a0 = barrier.expectMessageClass(StepAck.class, WAIT);
    assertEquals("utility", a0.getActor());
    assertEquals("", a0.getError());
    assertFalse(a0.hasPeriod());
    utility.tell(start(1, t, true, routing));
    utility.tell(cleared(1, 1.0, 50));
    StepAck a1 = barrier.expectMessageClass(StepAck.class, WAIT);
    assertTrue(a1.hasPeriod(), "step 1 closes the period");
    PeriodClosed p = a1.getPeriod();
    assertEquals(2.0 / 8, p.getDays(), 1e-12);
    for (int g = 0; g < LAYOUT.groupCount(); g++) {
      // By hand: retail buy price (LMP/1000 + add-on) times the energy, plus 1/8 of the daily charge a step.
      double bill = (30 / 1000.0 + 0.02) * 2.0 + (50 / 1000.0 + 0.02) * 1.0 + 2 * t.fixedChargeUsdPerDay(g) / 8;
      assertEquals(bill, p.getMeanBillUsd(g), 1e-12, "group " + g);
      double eei = bill * 365 / (2.0 / 8) / LAYOUT.group(g).incomeUsdPerYear() * 100;
      assertEquals(eei, p.getEeiPct(g), 1e-9, "EEI of group " + g);
    }
    // The next period starts from an empty ledger.
    utility.tell(start(2, t, true, routing));
    utility.tell(cleared(2, 1.0, 50));
    PeriodClosed next = barrier.expectMessageClass(StepAck.class, WAIT).getPeriod();
    assertEquals(1.0 / 8, next.getDays(), 1e-12);
  }
}
