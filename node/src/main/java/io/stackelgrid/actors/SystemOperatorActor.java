package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import com.google.protobuf.Message;
import io.stackelgrid.grid.DcOpf;
import io.stackelgrid.grid.Dispatch;
import io.stackelgrid.grid.DispatchMessages;
import io.stackelgrid.grid.DispatchSettings;
import io.stackelgrid.grid.Grid;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.proto.ClearStep;
import io.stackelgrid.proto.Cleared;
import io.stackelgrid.proto.DispatchResult;
import io.stackelgrid.proto.NetDemand;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.world.StepPhases;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;

/**
 * The system operator of one world: owns the world's DC-OPF. In a world's step flow it clears each
 * {@link NetDemand} at the step's generator capacities (solar profile times the seed's keyed noise ζ,
 * as {@link World} draws them) and sends {@link Cleared} (LMP per bus, solar, shed, spill, cost, and
 * the demand it cleared) to every address on the step's routing list. It also answers a standalone
 * {@link ClearStep} with a {@link DispatchResult}.
 *
 * <p>Protocol (Command = the protobuf {@link Message}): {@link NetDemand} → {@link Cleared} to the
 * routing list (with the error, naming step and seed, if the step cannot be cleared);
 * {@link ClearStep} → {@link DispatchResult} to {@code reply_to}. Steps arrive in the world's order:
 * the DC-OPF keeps the binding lines of one step to warm-start the next.
 */
public final class SystemOperatorActor extends AbstractBehavior<Message> {
  private final Grid grid;
  private final DispatchSettings settings;
  private final Scenario scenario;
  private final WorldOptions options;
  private final long solarNoiseKey;
  private final DcOpf opf;
  private final Addresses addresses;

  /** An operator that answers {@link ClearStep} only (loads and capacities given). */
  public static Behavior<Message> create(Grid grid, DispatchSettings settings) {
    return Behaviors.setup(ctx -> new SystemOperatorActor(ctx, grid, settings, null, null));
  }

  /** The operator of the world of {@code scenario} and {@code options} (seed, noise). */
  public static Behavior<Message> create(Scenario scenario, WorldOptions options) {
    return Behaviors.setup(ctx -> new SystemOperatorActor(ctx, scenario.grid(), scenario.dispatch(), scenario,
        options));
  }

  private SystemOperatorActor(ActorContext<Message> ctx, Grid grid, DispatchSettings settings, Scenario scenario,
      WorldOptions options) {
    super(ctx);
    this.grid = grid;
    this.settings = settings;
    this.scenario = scenario;
    this.options = options;
    this.solarNoiseKey = options == null ? 0 : StepPhases.solarNoiseKey(options.seed());
    this.opf = new DcOpf(grid, settings);
    this.addresses = new Addresses(ctx.getSystem());
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder()
        .onMessage(NetDemand.class, this::onNetDemand)
        .onMessage(ClearStep.class, this::onClearStep)
        .build();
  }

  private Behavior<Message> onNetDemand(NetDemand m) {
    SchemaVersions.require(m.getSchemaVersion(), "NetDemand", "mean-field tracker");
    long t0 = System.nanoTime();
    int step = (int) m.getStep();
    Cleared.Builder out = Cleared.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setStep(step).setDemand(m);
    try {
      if (scenario == null) {
        throw new IllegalStateException("this system operator clears single requests only, not a world's steps");
      }
      if (m.getBusLoadCount() != grid.busCount()) {
        throw new IllegalArgumentException("step " + step + ": net demand for " + m.getBusLoadCount()
            + " buses, the grid has " + grid.busCount());
      }
      int hour = StepTime.of(scenario.clock(), step).hour();
      double[] pMax = StepPhases.capacities(scenario, solarNoiseKey, options.noise(), step, hour);
      Dispatch d = World.clear(step, StepMessages.doubles(m.getBusLoadList()), pMax, options.seed(), opf);
      StepPhases.GridOutcome o = StepPhases.outcome(scenario, step, d, pMax);
      double curtailed = 0;
      for (double c : o.curtailedByUnit()) {
        curtailed += c;
      }
      for (int n = 0; n < grid.busCount(); n++) {
        out.addLmpUsdPerMwh(d.lmp()[n]).addShed(d.shed()[n]).addSpill(d.spill()[n]).addSolar(o.solarMwh()[n])
            .addSolarAvailable(o.solarAvailableMwh()[n]);
      }
      out.setCostUsd(d.cost()).setCurtailed(curtailed);
    } catch (RuntimeException e) {
      // Sent, not thrown: the waiting coordinator stops the run with this error instead of timing out.
      out.clearLmpUsdPerMwh().clearShed().clearSpill().clearSolar().clearSolarAvailable()
          .setError(String.valueOf(e.getMessage()));
    }
    Cleared cleared = out.setDomainNanos(System.nanoTime() - t0).build();
    for (String to : m.getRouting().getClearedToList()) {
      addresses.<Message>get(to).tell(cleared);
    }
    return this;
  }

  private Behavior<Message> onClearStep(ClearStep m) {
    SchemaVersions.require(m.getSchemaVersion(), "ClearStep", "world");
    ActorRef<DispatchResult> to = addresses.once(m.getReplyTo());
    long step = m.getRequest().getStep();
    DispatchResult result;
    try {
      double[] load = DispatchMessages.busLoads(grid, m.getRequest(), "world");
      double[] pMax = DispatchMessages.capacities(grid, m.getRequest());
      Dispatch d = opf.solve(step, load, pMax);
      result = DispatchMessages.result(grid, d, settings.tolerance());
    } catch (RuntimeException e) {
      // A failed step is answered, not thrown: the asker stops with this error instead of timing out.
      result = DispatchMessages.failure(step, String.valueOf(e.getMessage()));
    }
    to.tell(result);
    return this;
  }
}
