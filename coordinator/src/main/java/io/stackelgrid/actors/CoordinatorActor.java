package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import com.google.protobuf.Message;
import io.stackelgrid.game.StackelbergGame;
import io.stackelgrid.proto.PeriodDone;
import io.stackelgrid.proto.RunPeriod;
import io.stackelgrid.proto.SchemaVersions;
import java.util.function.Consumer;

/**
 * The coordinator of one seed: the clock and the 3-day cadence. On {@link RunPeriod} it plays one
 * outer iteration of Algorithm 1 (inner loop and leader best response on the learner actors, then
 * the period's steps with a barrier per step) and replies {@link PeriodDone}. A failure (e.g. a
 * dispatch error) ends the run: the reply carries the error, naming seed and period. It blocks while
 * learners train, so it runs on the blocking dispatcher.
 */
public final class CoordinatorActor extends AbstractBehavior<Message> {
  private final StackelbergGame game;
  private final StackelbergGame.Listener steps;
  private final Consumer<StackelbergGame.PeriodResult> periods;
  private final long seed;
  private final ActorRefResolver resolver;
  private boolean failed;

  /**
   * @param steps receives every real step of both worlds (results writer, progress)
   * @param periods receives every period's records
   */
  public static Behavior<Message> create(StackelbergGame game, long seed, StackelbergGame.Listener steps,
      Consumer<StackelbergGame.PeriodResult> periods) {
    return Behaviors.setup(ctx -> new CoordinatorActor(ctx, game, seed, steps, periods));
  }

  private CoordinatorActor(ActorContext<Message> ctx, StackelbergGame game, long seed,
      StackelbergGame.Listener steps, Consumer<StackelbergGame.PeriodResult> periods) {
    super(ctx);
    this.game = game;
    this.seed = seed;
    this.steps = steps;
    this.periods = periods;
    this.resolver = ActorRefResolver.get(ctx.getSystem());
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder().onMessage(RunPeriod.class, this::onRunPeriod).build();
  }

  private Behavior<Message> onRunPeriod(RunPeriod m) {
    SchemaVersions.require(m.getSchemaVersion(), "RunPeriod", "run");
    ActorRef<PeriodDone> to = resolver.resolveActorRef(m.getReplyTo());
    int period = game.world().step() / game.world().scenario().clock().stepsPerPeriod();
    PeriodDone.Builder reply = PeriodDone.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setPeriod(period);
    if (failed || game.done()) {
      to.tell(reply.setRunDone(true).setError(failed ? "the run already failed" : "").build());
      return this;
    }
    try {
      StackelbergGame.PeriodResult r = game.playPeriod(steps);
      periods.accept(r);
      to.tell(reply.setRunDone(game.done()).setInnerIterations(r.info().innerIterations())
          .setEeiGapPp(r.learning().eeiGapPp()).setFrozen(game.frozen()).build());
    } catch (RuntimeException e) {
      failed = true;
      getContext().getLog().error("seed {} period {}: {}", seed, period, e.toString());
      to.tell(reply.setRunDone(true).setError("seed " + seed + ", period " + period + ": " + e.getMessage()).build());
    }
    return this;
  }
}
