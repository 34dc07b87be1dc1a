package io.stackelgrid.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.stackelgrid.actors.StepProtocol.Cleared;
import io.stackelgrid.actors.StepProtocol.Routing;
import io.stackelgrid.actors.StepProtocol.StepStart;
import io.stackelgrid.actors.SystemOperatorActor.NetDemand;
import io.stackelgrid.actors.UtilityActor.Billed;
import io.stackelgrid.game.TariffCodec;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.PeriodRecord;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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

  private static StepStart start(long step, Tariff t, boolean closes, Routing routing) {
    return new StepStart(step, t, new double[0], null, closes, routing);
  }

  /** Every group imports {@code importKwh} per household and exports nothing; LMP {@code lmp} everywhere. */
  private static Cleared cleared(long step, double importKwh, double lmp, Routing routing) {
    GroupFlows flows = new GroupFlows(LAYOUT.groupCount());
    for (int g = 0; g < LAYOUT.groupCount(); g++) {
      flows.netKwh[g] = importKwh * LAYOUT.count(g);
      flows.importKwh[g] = importKwh * LAYOUT.count(g);
    }
    int buses = SCENARIO.grid().busCount();
    NetDemand d = new NetDemand(step, new double[buses], new double[buses], new double[buses], flows,
        new double[buses], new long[buses], 0, routing);
    double[] lmps = new double[buses];
    Arrays.fill(lmps, lmp);
    return new Cleared(step, lmps, new double[buses], new double[buses], new double[buses], new double[buses], 0, 0,
        d, 0);
  }

  @Test
  void billsEveryStepAtItsTariffAndClosesThePeriodWithTheRecordItsBillsGive() {
    ActorRef<UtilityActor.Command> utility = kit.spawn(UtilityActor.create(new TariffCodec(SCENARIO.tariff(),
        LAYOUT.groupCount(), TariffCodec.Centre.INITIAL), SCENARIO));
    TestProbe<StepBarrierActor.Command> barrier = kit.createTestProbe();
    Routing routing = new Routing(barrier.getRef(), utility, List.of());
    Tariff t = new Tariff(0.02, 0.0, new double[] {0.4, 0.8, 1.2, 0.1, 0.2, 0.3});
    // Step 0: Cleared overtakes the step's start (possible across machines): billed once the start is in.
    utility.tell(cleared(0, 2.0, 30, routing));
    barrier.expectNoMessage(Duration.ofMillis(100));
    utility.tell(start(0, t, false, routing));
    Billed a0 = barrier.expectMessageClass(Billed.class, WAIT);
    assertEquals(0, a0.step());
    assertNull(a0.periodOrNull());
    utility.tell(start(1, t, true, routing));
    utility.tell(cleared(1, 1.0, 50, routing));
    Billed a1 = barrier.expectMessageClass(Billed.class, WAIT);
    PeriodRecord p = a1.periodOrNull();
    assertNotNull(p, "step 1 closes the period");
    assertEquals(2.0 / 8, p.days(), 1e-12);
    for (int g = 0; g < LAYOUT.groupCount(); g++) {
      // By hand: retail buy price (LMP/1000 + add-on) times the energy, plus 1/8 of the daily charge a step.
      double bill = (30 / 1000.0 + 0.02) * 2.0 + (50 / 1000.0 + 0.02) * 1.0 + 2 * t.fixedChargeUsdPerDay(g) / 8;
      assertEquals(bill, p.meanBillUsd()[g], 1e-12, "group " + g);
      double eei = bill * 365 / (2.0 / 8) / LAYOUT.group(g).incomeUsdPerYear() * 100;
      assertEquals(eei, p.eeiPct()[g], 1e-9, "EEI of group " + g);
    }
    // The next period starts from an empty ledger.
    utility.tell(start(2, t, true, routing));
    utility.tell(cleared(2, 1.0, 50, routing));
    PeriodRecord next = barrier.expectMessageClass(Billed.class, WAIT).periodOrNull();
    assertEquals(1.0 / 8, next.days(), 1e-12);
  }
}
