package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.StepPhases;
import io.stackelgrid.world.StepRecord;
import java.util.List;

/**
 * The messages several of a world's step actors receive (ARCHITECTURE.md "One simulated step"):
 * a step's start, its cleared market, and a failure report. Each actor's own messages are at the
 * top of its class.
 */
public final class StepProtocol {
  private StepProtocol() {}

  /** Who takes part in a step: the operator tells Cleared to the utility, the aggregators, then the barrier. */
  public record Routing(ActorRef<StepBarrierActor.Command> barrier, ActorRef<UtilityActor.Command> utility,
      List<ActorRef<AggregatorActor.Command>> aggregators) {}

  /**
   * The start of step {@code step}, to an aggregator (with its bus's new policy, if any) or to the
   * utility; the utility closes the period's ledger after it if {@code closesPeriod}.
   *
   * @param busMeanSoc mean SoC of each bus's prosumers before the step
   * @param policyOrNull the policy the recipient aggregator acts with from this step on, if new
   */
  public record StepStart(long step, Tariff tariff, double[] busMeanSoc, PolicyParams policyOrNull,
      boolean closesPeriod, Routing routing) implements AggregatorActor.Command, UtilityActor.Command {

    StepStart withPolicy(PolicyParams policy) {
      return new StepStart(step, tariff, busMeanSoc, policy, closesPeriod, routing);
    }
  }

  /**
   * The cleared market of step {@code step} (MODEL.md §2), per bus, with the demand it cleared.
   *
   * @param costUsd generation cost with shed and spill penalties ($ per step on three-bus)
   * @param curtailed available minus dispatched energy of availability-profile units, summed
   * @param domainNanos the operator's solve time
   */
  public record Cleared(long step, double[] lmpUsdPerMwh, double[] shed, double[] spill, double[] solar,
      double[] solarAvailable, double costUsd, double curtailed, SystemOperatorActor.NetDemand demand,
      long domainNanos) implements AggregatorActor.Command, UtilityActor.Command, StepBarrierActor.Command {

    /** The step record of this cleared step, as {@link io.stackelgrid.world.World#advance} assembles it. */
    public StepRecord record(Scenario scenario, GroupLayout layout) {
      StepTime time = StepTime.of(scenario.clock(), (int) step);
      int buses = demand.busLoadMwh().length;
      double[] prosumerKwh = new double[buses];
      double[] consumerKwh = new double[buses];
      for (int g = 0; g < layout.groupCount(); g++) {
        (layout.prosumer(g) ? prosumerKwh : consumerKwh)[layout.bus(g)] += demand.flows().netKwh[g];
      }
      StepPhases.BusLoads loads = new StepPhases.BusLoads(demand.busLoadMwh(), demand.baseLoadMwh(),
          demand.householdNetKwh(), prosumerKwh, consumerKwh);
      return StepPhases.record(time, loads, lmpUsdPerMwh, demand.busMeanSoc(), solar, solarAvailable, shed, spill,
          costUsd);
    }
  }

  /** {@code actor} could not play step {@code step}: the barrier answers with {@code error} at once. */
  public record StepFailed(long step, String actor, String error) implements StepBarrierActor.Command {}
}
