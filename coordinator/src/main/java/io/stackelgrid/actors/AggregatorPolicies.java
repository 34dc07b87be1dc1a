package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import com.google.protobuf.Message;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.game.StackelbergGame;
import io.stackelgrid.household.FollowerPolicy;
import io.stackelgrid.proto.InstallPolicy;
import io.stackelgrid.proto.PlanReply;
import io.stackelgrid.proto.PlanRequest;
import io.stackelgrid.proto.PolicyParams;
import io.stackelgrid.proto.SchemaVersions;
import java.time.Duration;
import java.util.List;

/**
 * Real steps planned by the aggregator actors: the world's request for a bus's plan becomes a
 * {@link PlanRequest} to that bus's actor and waits for its {@link PlanReply}; a changed policy is
 * sent ahead as {@link InstallPolicy}. Measures the time spent waiting on the actors.
 */
public final class AggregatorPolicies implements StackelbergGame.ActingPolicies {
  private final ActorSystem<?> system;
  private final List<ActorRef<Message>> aggregators;
  private final PolicyParams[] installed;
  private final Duration timeout;
  private long askNanos;
  private long asks;

  public AggregatorPolicies(ActorSystem<?> system, List<ActorRef<Message>> aggregators, Duration timeout) {
    this.system = system;
    this.aggregators = aggregators;
    this.installed = new PolicyParams[aggregators.size()];
    this.timeout = timeout;
  }

  @Override
  public FollowerPolicy acting(int bus, PolicyParams params) {
    if (installed[bus] != params) {
      aggregators.get(bus).tell(InstallPolicy.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
          .setParams(params).build());
      installed[bus] = params;
    }
    double std = io.stackelgrid.ppo.GaussianPolicy.fromParams(params).std(0);
    return new Proxy(bus, std);
  }

  /** Wall time spent in plan round trips (ask, serialisation, the actor's forward pass), nanoseconds. */
  public long askNanos() {
    return askNanos;
  }

  public long asks() {
    return asks;
  }

  /** The world's view of an aggregator actor. */
  private final class Proxy implements FollowerPolicy {
    private final int bus;
    private final double std;

    Proxy(int bus, double std) {
      this.bus = bus;
      this.std = std;
    }

    @Override
    public void mean(float[] observations, int count, double[] meanOut) {
      long t0 = System.nanoTime();
      ActorRefResolver resolver = ActorRefResolver.get(system);
      PlanRequest.Builder req = PlanRequest.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setBus(bus)
          .setCount(count);
      for (int k = 0; k < count * io.stackelgrid.household.Observation.SIZE; k++) {
        req.addObservations(observations[k]);
      }
      PlanReply reply;
      try {
        reply = AskPattern.<Message, PlanReply>ask(aggregators.get(bus),
            replyTo -> req.setReplyTo(resolver.toSerializationFormat(replyTo)).build(), timeout,
            system.scheduler()).toCompletableFuture().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackelgridException("interrupted waiting for the aggregator of bus " + bus, e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new StackelgridException("no plan from the aggregator of bus " + bus + ": " + e.getCause(), e);
      }
      for (int i = 0; i < count; i++) {
        meanOut[i] = reply.getMeans(i);
      }
      askNanos += System.nanoTime() - t0;
      asks++;
    }

    @Override
    public double std() {
      return std;
    }

    @Override
    public String name() {
      return "aggregator-" + bus;
    }
  }
}
