package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
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
import io.stackelgrid.proto.ClearStep;
import io.stackelgrid.proto.DispatchResult;
import io.stackelgrid.proto.SchemaVersions;

/**
 * The system operator of one world: owns the world's DC-OPF and, every real step, answers a
 * {@link ClearStep} (bus loads and generator capacities) with the {@link DispatchResult} (LMP per
 * bus, generation, line flows), or a FAILED result naming the step and the error.
 *
 * <p>Protocol (Command = the protobuf {@link Message}): {@link ClearStep} → {@link DispatchResult}
 * to {@code reply_to}. Steps must arrive in the world's order: the DC-OPF keeps the binding lines of
 * one step to warm-start the next.
 */
public final class SystemOperatorActor extends AbstractBehavior<Message> {
  private final Grid grid;
  private final DispatchSettings settings;
  private final DcOpf opf;
  private final ActorRefResolver resolver;

  public static Behavior<Message> create(Grid grid, DispatchSettings settings) {
    return Behaviors.setup(ctx -> new SystemOperatorActor(ctx, grid, settings));
  }

  private SystemOperatorActor(ActorContext<Message> ctx, Grid grid, DispatchSettings settings) {
    super(ctx);
    this.grid = grid;
    this.settings = settings;
    this.opf = new DcOpf(grid, settings);
    this.resolver = ActorRefResolver.get(ctx.getSystem());
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder()
        .onMessage(ClearStep.class, this::onClearStep)
        .build();
  }

  private Behavior<Message> onClearStep(ClearStep m) {
    SchemaVersions.require(m.getSchemaVersion(), "ClearStep", "world");
    ActorRef<DispatchResult> to = resolver.resolveActorRef(m.getReplyTo());
    long step = m.getRequest().getStep();
    DispatchResult result;
    try {
      double[] load = DispatchMessages.busLoads(grid, m.getRequest(), "world");
      double[] pMax = DispatchMessages.capacities(grid, m.getRequest());
      Dispatch d = opf.solve(step, load, pMax);
      result = DispatchMessages.result(grid, d, settings.tolerance());
    } catch (RuntimeException e) {
      // A failed step is answered, not thrown: the waiting world stops the run with this error
      // instead of timing out.
      result = DispatchMessages.failure(step, String.valueOf(e.getMessage()));
    }
    to.tell(result);
    return this;
  }
}
