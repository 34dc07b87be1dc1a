package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.stackelgrid.actors.StepProtocol.Cleared;
import io.stackelgrid.actors.StepProtocol.Routing;
import io.stackelgrid.actors.StepProtocol.StepFailed;
import io.stackelgrid.grid.DcOpf;
import io.stackelgrid.grid.Dispatch;
import io.stackelgrid.grid.DispatchSettings;
import io.stackelgrid.grid.Grid;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.wire.WireMessage;
import io.stackelgrid.world.StepPhases;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;

/**
 * The system operator of one world: owns the world's DC-OPF. In a world's step flow it clears each
 * {@link NetDemand} at the step's generator capacities (solar profile times the seed's keyed noise ζ,
 * as {@link World} draws them) and sends {@link Cleared} to the utility, the aggregators and last the
 * barrier; a step it cannot clear goes to the barrier as {@link StepFailed}, naming step and seed. It
 * also answers a standalone {@link ClearStep}. Steps arrive in the world's order: the DC-OPF keeps
 * the binding lines of one step to warm-start the next.
 */
public final class SystemOperatorActor extends AbstractBehavior<SystemOperatorActor.Command> {

  /** What the operator receives. */
  public sealed interface Command extends WireMessage permits NetDemand, ClearStep {}

  /**
   * The households after step {@code step}: per bus the net load to clear (grid unit), its base part
   * and the households' net kWh; the group energies; each bus's prosumers' mean SoC after the step.
   *
   * @param planNanos planning time of each aggregator, by bus
   * @param domainNanos the tracker's Γ time
   */
  public record NetDemand(long step, double[] busLoadMwh, double[] baseLoadMwh, double[] householdNetKwh,
      GroupFlows flows, double[] busMeanSoc, long[] planNanos, long domainNanos, Routing routing)
      implements Command {}

  /** Clear one step's {@code busLoadMwh} at {@code pMaxOrNull} (null: the grid's own); answer {@code replyTo}. */
  public record ClearStep(long step, double[] busLoadMwh, double[] pMaxOrNull, ActorRef<ClearReply> replyTo)
      implements Command {}

  /** The answer to a {@link ClearStep}. */
  public sealed interface ClearReply extends WireMessage permits Dispatched, DispatchFailed {}

  public record Dispatched(Dispatch dispatch) implements ClearReply {}

  /** The step could not be cleared: {@code error} names the step and the bus. */
  public record DispatchFailed(long step, String error) implements ClearReply {}

  private final Grid grid;
  private final Scenario scenario;
  private final WorldOptions options;
  private final long solarNoiseKey;
  private final DcOpf opf;

  /** An operator that answers {@link ClearStep} only (loads and capacities given). */
  public static Behavior<Command> create(Grid grid, DispatchSettings settings) {
    return Behaviors.setup(ctx -> new SystemOperatorActor(ctx, grid, settings, null, null));
  }

  /** The operator of the world of {@code scenario} and {@code options} (seed, noise). */
  public static Behavior<Command> create(Scenario scenario, WorldOptions options) {
    return Behaviors.setup(ctx -> new SystemOperatorActor(ctx, scenario.grid(), scenario.dispatch(), scenario,
        options));
  }

  private SystemOperatorActor(ActorContext<Command> ctx, Grid grid, DispatchSettings settings, Scenario scenario,
      WorldOptions options) {
    super(ctx);
    this.grid = grid;
    this.scenario = scenario;
    this.options = options;
    this.solarNoiseKey = options == null ? 0 : StepPhases.solarNoiseKey(options.seed());
    this.opf = new DcOpf(grid, settings);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(NetDemand.class, this::onNetDemand)
        .onMessage(ClearStep.class, this::onClearStep)
        .build();
  }

  private Behavior<Command> onNetDemand(NetDemand m) {
    long t0 = System.nanoTime();
    int step = (int) m.step();
    Cleared cleared;
    try {
      if (scenario == null) {
        throw new IllegalStateException("this system operator clears single requests only, not a world's steps");
      }
      if (m.busLoadMwh().length != grid.busCount()) {
        throw new IllegalArgumentException("step " + step + ": net demand for " + m.busLoadMwh().length
            + " buses, the grid has " + grid.busCount());
      }
      int hour = StepTime.of(scenario.clock(), step).hour();
      double[] pMax = StepPhases.capacities(scenario, solarNoiseKey, options.noise(), step, hour);
      Dispatch d = World.clear(step, m.busLoadMwh(), pMax, options.seed(), opf);
      StepPhases.GridOutcome o = StepPhases.outcome(scenario, step, d, pMax);
      double curtailed = 0;
      for (double c : o.curtailedByUnit()) {
        curtailed += c;
      }
      // Copies: the solver reuses its arrays, and a message must not change after it is sent.
      cleared = new Cleared(step, d.lmp().clone(), d.shed().clone(), d.spill().clone(), o.solarMwh(),
          o.solarAvailableMwh(), d.cost(), curtailed, m, System.nanoTime() - t0);
    } catch (RuntimeException e) {
      // Sent, not thrown: the waiting coordinator stops the run with this error instead of timing out.
      m.routing().barrier().tell(new StepFailed(step, "system operator", String.valueOf(e.getMessage())));
      return this;
    }
    // The barrier last: when its Cleared arrives, the others' are already in their mailboxes.
    m.routing().utility().tell(cleared);
    for (ActorRef<AggregatorActor.Command> a : m.routing().aggregators()) {
      a.tell(cleared);
    }
    m.routing().barrier().tell(cleared);
    return this;
  }

  private Behavior<Command> onClearStep(ClearStep m) {
    ClearReply reply;
    try {
      reply = new Dispatched(opf.solve(m.step(), m.busLoadMwh(), m.pMaxOrNull()));
    } catch (RuntimeException e) {
      // A failed step is answered, not thrown: the asker stops with this error instead of timing out.
      reply = new DispatchFailed(m.step(), String.valueOf(e.getMessage()));
    }
    m.replyTo().tell(reply);
    return this;
  }
}
