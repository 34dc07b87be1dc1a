package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.stackelgrid.game.StackelbergGame;
import io.stackelgrid.game.StackelbergGame.PeriodResult;
import io.stackelgrid.wire.WireMessage;
import java.util.function.Consumer;

/**
 * The coordinator of one seed: the clock and the 3-day cadence. On {@link RunPeriod} it plays one
 * outer iteration of Algorithm 1 (inner loop and leader best response on the learners, then the
 * period's steps through the world's barrier) and replies {@link PeriodPlayed}. A failure (e.g. a
 * dispatch error) ends the run: {@link PeriodFailed} names seed and period.
 *
 * <p>Algorithm 1 waits for its learners and its world in plain sequential code, so this actor
 * blocks: spawn it on a dispatcher of its own ({@code stackelgrid.coordinator-dispatcher}, a thread
 * per actor), where it holds up no other actor.
 */
public final class CoordinatorActor extends AbstractBehavior<CoordinatorActor.Command> {

  /** What the coordinator is asked. */
  public sealed interface Command extends WireMessage permits RunPeriod {}

  /** Play the next period; answer {@code replyTo}. */
  public record RunPeriod(ActorRef<PeriodReply> replyTo) implements Command {}

  /** The answer to a {@link RunPeriod}. */
  public sealed interface PeriodReply extends WireMessage permits PeriodPlayed, PeriodFailed {
    int period();
  }

  /** What one period did (the full records went to the listeners). */
  public record PeriodPlayed(int period, boolean runDone, int innerIterations, double eeiGapPp, boolean frozen)
      implements PeriodReply {}

  /** The period failed (or the run already had): {@code error} names seed and period. */
  public record PeriodFailed(int period, String error) implements PeriodReply {}

  private final StackelbergGame game;
  private final StackelbergGame.Listener steps;
  private final Consumer<PeriodResult> periods;
  private final long seed;
  private boolean failed;

  /**
   * @param steps receives every real step of both worlds (results writer, progress)
   * @param periods receives every period's records
   */
  public static Behavior<Command> create(StackelbergGame game, long seed, StackelbergGame.Listener steps,
      Consumer<PeriodResult> periods) {
    return Behaviors.setup(ctx -> new CoordinatorActor(ctx, game, seed, steps, periods));
  }

  private CoordinatorActor(ActorContext<Command> ctx, StackelbergGame game, long seed,
      StackelbergGame.Listener steps, Consumer<PeriodResult> periods) {
    super(ctx);
    this.game = game;
    this.seed = seed;
    this.steps = steps;
    this.periods = periods;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(RunPeriod.class, this::onRunPeriod).build();
  }

  private Behavior<Command> onRunPeriod(RunPeriod m) {
    int period = game.stepsDone() / game.world().scenario().clock().stepsPerPeriod();
    if (failed || game.done()) {
      m.replyTo().tell(new PeriodFailed(period, failed ? "seed " + seed + ": the run already failed"
          : "seed " + seed + ": every period has been played"));
      return this;
    }
    try {
      PeriodResult r = game.playPeriod(steps);
      periods.accept(r);
      m.replyTo().tell(new PeriodPlayed(period, game.done(), r.info().innerIterations(), r.learning().eeiGapPp(),
          game.frozen()));
    } catch (RuntimeException e) {
      failed = true;
      getContext().getLog().error("seed {} period {}: {}", seed, period, e.toString());
      m.replyTo().tell(new PeriodFailed(period, "seed " + seed + ", period " + period + ": " + e.getMessage()));
    }
    return this;
  }
}
