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
import io.stackelgrid.game.TariffCodec;
import io.stackelgrid.proto.DecideTariff;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.proto.TariffDecision;
import io.stackelgrid.tariff.Tariff;

/**
 * The utility (the leader): at every period boundary it turns the leader learner's policy and its
 * observation into the period's tariff ({@link DecideTariff} → {@link TariffDecision}), within the
 * scenario's bounds. Messages are the protobuf messages themselves (Command = {@link Message}).
 */
public final class UtilityActor extends AbstractBehavior<Message> {
  private final TariffCodec codec;
  private final ActorRefResolver resolver;

  public static Behavior<Message> create(TariffCodec codec) {
    return Behaviors.setup(ctx -> new UtilityActor(ctx, codec));
  }

  private UtilityActor(ActorContext<Message> ctx, TariffCodec codec) {
    super(ctx);
    this.codec = codec;
    this.resolver = ActorRefResolver.get(ctx.getSystem());
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder().onMessage(DecideTariff.class, this::onDecide).build();
  }

  private Behavior<Message> onDecide(DecideTariff m) {
    SchemaVersions.require(m.getSchemaVersion(), "DecideTariff", "coordinator");
    float[] obs = new float[m.getObservationCount()];
    for (int k = 0; k < obs.length; k++) {
      obs[k] = m.getObservation(k);
    }
    Tariff t = StackelbergGame.decide(codec, m.getLeader(), obs);
    TariffDecision.Builder reply = TariffDecision.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
        .setPeriod(m.getPeriod()).setBuyAddOnUsdPerKwh(t.buyAddOnUsdPerKwh())
        .setSellAddOnUsdPerKwh(t.sellAddOnUsdPerKwh());
    for (double f : t.fixedChargeUsdPerDay()) {
      reply.addFixedChargeUsdPerDay(f);
    }
    ActorRef<TariffDecision> to = resolver.resolveActorRef(m.getReplyTo());
    to.tell(reply.build());
    return this;
  }

  /** The tariff a decision carries. */
  public static Tariff tariff(TariffDecision d) {
    return new Tariff(d.getBuyAddOnUsdPerKwh(), d.getSellAddOnUsdPerKwh(),
        d.getFixedChargeUsdPerDayList().stream().mapToDouble(Double::doubleValue).toArray());
  }
}
