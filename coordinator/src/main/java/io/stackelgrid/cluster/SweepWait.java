package io.stackelgrid.cluster;

import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import io.stackelgrid.cluster.SweepCoordinator.AwaitSweep;
import io.stackelgrid.cluster.SweepCoordinator.Command;
import io.stackelgrid.cluster.SweepCoordinator.StatusQuery;
import io.stackelgrid.cluster.SweepCoordinator.SweepFinished;
import io.stackelgrid.cluster.SweepCoordinator.SweepStatus;
import io.stackelgrid.common.RunFailedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A sweep process's side of a sweep: it learns the outcome by asking the coordinator (through its
 * singleton proxy) with {@link AwaitSweep}, and how far the sweep is with {@link StatusQuery}, in
 * rounds: an ask held by a coordinator whose member went down is lost with it, and the instance that
 * takes over must be asked anew. Nothing blocks; the caller decides whether to wait.
 */
public final class SweepWait {
  private final ActorSystem<?> system;
  private final ActorRef<Command> proxy;
  private final Duration round;
  private final Consumer<SweepStatus> onStatus;
  private final CompletableFuture<SweepFinished> outcome = new CompletableFuture<>();

  private SweepWait(ActorSystem<?> system, ActorRef<Command> proxy, Duration round, Consumer<SweepStatus> onStatus) {
    this.system = system;
    this.proxy = proxy;
    this.round = round;
    this.onStatus = onStatus;
  }

  /**
   * The outcome of the sweep behind {@code proxy} (a singleton proxy), asked again every
   * {@code reAskEvery} (at most every 2 s), telling {@code onStatus} how far the sweep is each round.
   * Fails with a {@link RunFailedException} when this member leaves the cluster before the end.
   */
  public static CompletionStage<SweepFinished> outcome(ActorSystem<?> system, ActorRef<Command> proxy,
      Duration reAskEvery, Consumer<SweepStatus> onStatus) {
    // Short rounds, so a member that is downed or leaves stops waiting instead of asking forever,
    // and the progress shown is at most a few seconds old.
    Duration round = reAskEvery.compareTo(Duration.ofSeconds(2)) < 0 ? reAskEvery : Duration.ofSeconds(2);
    SweepWait wait = new SweepWait(system, proxy, round, onStatus);
    wait.askRound(false);
    return wait.outcome;
  }

  /** One round: the status, then the outcome; a round without the outcome starts the next. */
  private void askRound(boolean joinedBefore) {
    MemberStatus self = Cluster.get(system).selfMember().status();
    // Before it joins, a member reads its own status as Removed: only a member that was in counts as gone.
    boolean joined = joinedBefore || self == MemberStatus.joining() || self == MemberStatus.weaklyUp()
        || self == MemberStatus.up();
    RunFailedException left = left(joined, self);
    if (left != null) {
      outcome.completeExceptionally(left);
      return;
    }
    try {
      AskPattern.<Command, SweepStatus>ask(proxy, StatusQuery::new, round, system.scheduler())
          .whenComplete((status, noAnswer) -> {
            // No answer this round (the singleton is starting or moving): the next round asks again.
            try {
              if (status != null) {
                onStatus.accept(status);
              }
            } finally {
              askOutcome(joined);
            }
          });
    } catch (RuntimeException e) {
      failed(joined, e);
    }
  }

  private void askOutcome(boolean joined) {
    try {
      AskPattern.<Command, SweepFinished>ask(proxy, AwaitSweep::new, round, system.scheduler())
          .whenComplete((finished, e) -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (finished != null) {
              outcome.complete(finished);
            } else if (cause instanceof TimeoutException) {
              askRound(joined);
            } else {
              outcome.completeExceptionally(new RunFailedException("sweep coordinator: " + cause, cause));
            }
          });
    } catch (RuntimeException e) {
      failed(joined, e);
    }
  }

  /** An ask that could not even be sent (the actor system is shutting down, most likely). */
  private void failed(boolean joined, RuntimeException e) {
    RunFailedException left = left(joined, Cluster.get(system).selfMember().status());
    outcome.completeExceptionally(left != null ? left : new RunFailedException("sweep coordinator: " + e, e));
  }

  /** Why this member can no longer learn the outcome, or null while it can. */
  private RunFailedException left(boolean joined, MemberStatus self) {
    boolean gone = self == MemberStatus.down() || self == MemberStatus.exiting() || self == MemberStatus.removed();
    // Downing or leaving starts the member's coordinated shutdown, also when it happens between two
    // looks at the status (a member downed while still joining is never seen as joined).
    boolean shuttingDown = CoordinatedShutdown.get(system).getShutdownReason().isPresent();
    if ((joined && gone) || shuttingDown || system.getWhenTerminated().toCompletableFuture().isDone()) {
      return new RunFailedException("sweep: this member (" + Cluster.get(system).selfMember().address()
          + ", status " + self + ") left the cluster before the sweep finished (downed by the split brain "
          + "resolver or shut down); results and checkpoints written so far stay in the output folder");
    }
    return null;
  }
}
