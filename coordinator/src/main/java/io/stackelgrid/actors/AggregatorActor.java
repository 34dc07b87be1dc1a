package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import com.google.protobuf.Message;
import io.stackelgrid.game.LearnedPolicy;
import io.stackelgrid.proto.InstallPolicy;
import io.stackelgrid.proto.PlanReply;
import io.stackelgrid.proto.PlanRequest;
import io.stackelgrid.proto.SchemaVersions;

/**
 * The aggregator of one bus (a follower): holds the policy it acts with and, every real step, answers
 * the world's {@link PlanRequest} (its prosumers' observations per SoC bin) with a {@link PlanReply}
 * (mean action per bin and spread). New policies arrive as {@link InstallPolicy} after best responses.
 * Messages are the protobuf messages themselves (Command = {@link Message}).
 */
public final class AggregatorActor extends AbstractBehavior<Message> {
  private final int bus;
  private final ActorRefResolver resolver;
  private LearnedPolicy policy;
  private double[] means = new double[0];

  public static Behavior<Message> create(int bus) {
    return Behaviors.setup(ctx -> new AggregatorActor(ctx, bus));
  }

  private AggregatorActor(ActorContext<Message> ctx, int bus) {
    super(ctx);
    this.bus = bus;
    this.resolver = ActorRefResolver.get(ctx.getSystem());
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder()
        .onMessage(InstallPolicy.class, this::onInstall)
        .onMessage(PlanRequest.class, this::onPlan)
        .build();
  }

  private Behavior<Message> onInstall(InstallPolicy m) {
    SchemaVersions.require(m.getSchemaVersion(), "InstallPolicy", "coordinator");
    policy = LearnedPolicy.of(m.getParams());
    return this;
  }

  private Behavior<Message> onPlan(PlanRequest m) {
    SchemaVersions.require(m.getSchemaVersion(), "PlanRequest", "world");
    if (policy == null) {
      throw new IllegalStateException("aggregator of bus " + bus + " asked to plan before any policy was installed");
    }
    int count = m.getCount();
    float[] obs = new float[m.getObservationsCount()];
    for (int k = 0; k < obs.length; k++) {
      obs[k] = m.getObservations(k);
    }
    if (means.length < count) {
      means = new double[count];
    }
    policy.mean(obs, count, means);
    PlanReply.Builder reply = PlanReply.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setBus(bus)
        .setStd(policy.std());
    for (int i = 0; i < count; i++) {
      reply.addMeans(means[i]);
    }
    ActorRef<PlanReply> to = resolver.resolveActorRef(m.getReplyTo());
    to.tell(reply.build());
    return this;
  }
}
