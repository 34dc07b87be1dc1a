package io.stackelgrid.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.stackelgrid.actors.UtilityActor.BillReply;
import io.stackelgrid.actors.UtilityActor.BillStep;
import io.stackelgrid.actors.UtilityActor.Billed;
import io.stackelgrid.game.TariffCodec;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.PeriodRecord;
import io.stackelgrid.world.StepEngine;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The utility's billing in the step flow on the typed ActorTestKit, every message serialised. */
class UtilityActorTest {
  static final Scenario SCENARIO = ScenarioLoader.load("three-bus", Map.of());
  static final StepEngine ENGINE = new StepEngine(SCENARIO, WorldSettings.of(SCENARIO));
  static final GroupLayout LAYOUT = ENGINE.layout();
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

  /** Every group imports {@code importKwh} per household and exports nothing; LMP {@code lmp} everywhere. */
  private static BillStep bill(long step, double importKwh, double lmp, Tariff t, boolean closes,
      ActorRef<BillReply> replyTo) {
    GroupFlows flows = new GroupFlows(LAYOUT.groupCount());
    for (int g = 0; g < LAYOUT.groupCount(); g++) {
      flows.netKwh[g] = importKwh * LAYOUT.count(g);
      flows.importKwh[g] = importKwh * LAYOUT.count(g);
    }
    double[] lmps = new double[SCENARIO.grid().busCount()];
    Arrays.fill(lmps, lmp);
    return new BillStep(step, flows, lmps, t, closes, replyTo);
  }

  @Test
  void billsEveryStepAtItsTariffAndClosesThePeriodWithTheRecordItsBillsGive() {
    ActorRef<UtilityActor.Command> utility = kit.spawn(UtilityActor.create(new TariffCodec(SCENARIO.tariff(),
        SCENARIO.tariffGroups().size(), TariffCodec.Centre.INITIAL), ENGINE));
    TestProbe<BillReply> barrier = kit.createTestProbe();
    Tariff t = new Tariff(0.02, 0.0, new double[] {0.4, 0.8, 1.2, 0.1, 0.2, 0.3});
    utility.tell(bill(0, 2.0, 30, t, false, barrier.getRef()));
    Billed a0 = barrier.expectMessageClass(Billed.class, WAIT);
    assertEquals(0, a0.step());
    assertNull(a0.periodOrNull());
    utility.tell(bill(1, 1.0, 50, t, true, barrier.getRef()));
    PeriodRecord p = barrier.expectMessageClass(Billed.class, WAIT).periodOrNull();
    assertNotNull(p, "step 1 closes the period");
    assertEquals(2.0 / 8, p.days(), 1e-12);
    for (int g = 0; g < LAYOUT.groupCount(); g++) {
      // By hand: retail buy price (LMP/1000 + add-on) times the energy, plus 1/8 of the daily charge a step;
      // in three-bus each household group is its own tariff group.
      double bill = (30 / 1000.0 + 0.02) * 2.0 + (50 / 1000.0 + 0.02) * 1.0 + 2 * t.fixedChargeUsdPerDay(g) / 8;
      assertEquals(bill, p.meanBillUsd()[g], 1e-12, "group " + g);
      double eei = bill * 365 / (2.0 / 8) / LAYOUT.group(g).incomeUsdPerYear() * 100;
      assertEquals(eei, p.eeiPct()[g], 1e-9, "EEI of group " + g);
      assertEquals(p.eeiPct()[g], p.tariffGroupEeiPct()[g], "a tariff group of one group has its EEI");
    }
    // The next period starts from an empty ledger.
    utility.tell(bill(2, 1.0, 50, t, true, barrier.getRef()));
    PeriodRecord next = barrier.expectMessageClass(Billed.class, WAIT).periodOrNull();
    assertEquals(1.0 / 8, next.days(), 1e-12);
  }
}
