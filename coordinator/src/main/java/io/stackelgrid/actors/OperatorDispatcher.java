package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import com.google.protobuf.Message;
import io.stackelgrid.grid.Dispatch;
import io.stackelgrid.grid.DispatchException;
import io.stackelgrid.grid.DispatchMessages;
import io.stackelgrid.grid.Dispatcher;
import io.stackelgrid.grid.Grid;
import io.stackelgrid.proto.ClearStep;
import io.stackelgrid.proto.DispatchResult;
import io.stackelgrid.proto.SchemaVersions;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * The real world's view of its {@link SystemOperatorActor}: each step's clearing becomes a
 * {@link ClearStep} and waits for the {@link DispatchResult}. Measures the time spent waiting.
 */
public final class OperatorDispatcher implements Dispatcher {
  private final ActorSystem<?> system;
  private final ActorRef<Message> operator;
  private final Grid grid;
  private final int stepsPerDay;
  private final Duration timeout;
  private long askNanos;
  private long asks;

  public OperatorDispatcher(ActorSystem<?> system, ActorRef<Message> operator, Grid grid, int stepsPerDay,
      Duration timeout) {
    this.system = system;
    this.operator = operator;
    this.grid = grid;
    this.stepsPerDay = stepsPerDay;
    this.timeout = timeout;
  }

  @Override
  public Dispatch clear(long step, double[] busLoad, double[] pMax) {
    long t0 = System.nanoTime();
    ActorRefResolver resolver = ActorRefResolver.get(system);
    // The hour of day is informational: the capacities already carry the step's solar factor.
    ClearStep.Builder req = ClearStep.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
        .setRequest(DispatchMessages.request(grid, step, (int) (step % stepsPerDay), busLoad, pMax));
    DispatchResult reply;
    try {
      reply = AskPattern.<Message, DispatchResult>ask(operator,
          replyTo -> req.setReplyTo(resolver.toSerializationFormat(replyTo)).build(), timeout,
          system.scheduler()).toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DispatchException("step " + step + ": interrupted waiting for the system operator");
    } catch (ExecutionException e) {
      throw new DispatchException("step " + step + ": no dispatch from the system operator: " + e.getCause());
    }
    Dispatch d = DispatchMessages.dispatch(grid, reply, "system operator");
    askNanos += System.nanoTime() - t0;
    asks++;
    return d;
  }

  /** Wall time spent in dispatch round trips (ask, serialisation, the operator's solve), nanoseconds. */
  public long askNanos() {
    return askNanos;
  }

  public long asks() {
    return asks;
  }
}
