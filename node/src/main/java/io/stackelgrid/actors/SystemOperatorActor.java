package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.stackelgrid.grid.DcOpf;
import io.stackelgrid.grid.Dispatch;
import io.stackelgrid.grid.DispatchSettings;
import io.stackelgrid.grid.Grid;
import io.stackelgrid.wire.WireMessage;
import io.stackelgrid.world.StepEngine;
import io.stackelgrid.world.WorldOptions;

/**
 * The system operator: owns a DC-OPF. In a world's steps it clears each {@link ClearLoads} at the
 * step's generator capacities ({@link StepEngine#clear}: solar profile times the seed's keyed ζ)
 * and answers {@link Cleared}, or {@link ClearFailed} naming step and seed. It also answers a
 * standalone {@link ClearStep}. Steps arrive in the world's order: the DC-OPF keeps the binding lines
 * of one step to warm-start the next.
 */
public final class SystemOperatorActor extends AbstractBehavior<SystemOperatorActor.Command> {

  /** What the operator receives. */
  public sealed interface Command extends WireMessage permits ClearLoads, ClearStep {}

  /** Clear step {@code step} of the operator's world: the bus loads to serve (grid unit). */
  public record ClearLoads(long step, double[] loadMwh, ActorRef<LoadsReply> replyTo) implements Command {
    public ClearLoads {
      loadMwh = loadMwh.clone();
    }
  }

  /** The answer to a {@link ClearLoads}. */
  public sealed interface LoadsReply extends WireMessage permits Cleared, ClearFailed {}

  /** The market of step {@code step}; {@code domainNanos} of the solve. */
  public record Cleared(long step, StepEngine.Clearing clearing, long domainNanos) implements LoadsReply {}

  /** The step could not be cleared: {@code error} names the step, the seed and the loads. */
  public record ClearFailed(long step, String error) implements LoadsReply {}

  /** Clear one step's {@code busLoadMwh} at {@code pMaxOrNull} (null: the grid's own); answer {@code replyTo}. */
  public record ClearStep(long step, double[] busLoadMwh, double[] pMaxOrNull, ActorRef<ClearReply> replyTo)
      implements Command {}

  /** The answer to a {@link ClearStep}. */
  public sealed interface ClearReply extends WireMessage permits Dispatched, DispatchFailed {}

  public record Dispatched(Dispatch dispatch) implements ClearReply {}

  /** The step could not be cleared: {@code error} names the step and the bus. */
  public record DispatchFailed(long step, String error) implements ClearReply {}

  private final Grid grid;
  private final StepEngine engine;
  private final WorldOptions options;
  private final long solarNoiseKey;
  private final DcOpf opf;

  /** An operator that answers {@link ClearStep} only (loads and capacities given). */
  public static Behavior<Command> create(Grid grid, DispatchSettings settings) {
    return Behaviors.setup(ctx -> new SystemOperatorActor(ctx, grid, settings, null, null));
  }

  /** The operator of a world on {@code engine} with {@code options} (seed, noise). */
  public static Behavior<Command> create(StepEngine engine, WorldOptions options) {
    return Behaviors.setup(ctx -> new SystemOperatorActor(ctx, engine.scenario().grid(),
        engine.scenario().dispatch(), engine, options));
  }

  private SystemOperatorActor(ActorContext<Command> ctx, Grid grid, DispatchSettings settings, StepEngine engine,
      WorldOptions options) {
    super(ctx);
    this.grid = grid;
    this.engine = engine;
    this.options = options;
    this.solarNoiseKey = options == null ? 0 : StepEngine.solarNoiseKey(options.seed());
    this.opf = new DcOpf(grid, settings);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ClearLoads.class, this::onClearLoads)
        .onMessage(ClearStep.class, this::onClearStep)
        .build();
  }

  private Behavior<Command> onClearLoads(ClearLoads m) {
    long t0 = System.nanoTime();
    LoadsReply reply;
    try {
      if (engine == null) {
        throw new IllegalStateException("this system operator clears single requests only, not a world's steps");
      }
      if (m.loadMwh().length != grid.busCount()) {
        throw new IllegalArgumentException("step " + m.step() + ": loads of " + m.loadMwh().length
            + " buses, the grid has " + grid.busCount());
      }
      StepEngine.Clearing c = engine.clear(engine.time(m.step()), m.loadMwh(), solarNoiseKey, options.noise(),
          options.seed(), opf);
      reply = new Cleared(m.step(), c, System.nanoTime() - t0);
    } catch (RuntimeException e) {
      // Answered, not thrown: the waiting coordinator stops the run with this error instead of timing out.
      reply = new ClearFailed(m.step(), String.valueOf(e.getMessage()));
    }
    m.replyTo().tell(reply);
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
