package io.stackelgrid.actors;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import com.google.protobuf.Message;
import io.stackelgrid.game.StackelbergGame;
import io.stackelgrid.game.TariffCodec;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.proto.Cleared;
import io.stackelgrid.proto.DecideTariff;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.proto.StepAck;
import io.stackelgrid.proto.StepStart;
import io.stackelgrid.proto.TariffDecision;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.tariff.BillLedger;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.StepPhases;
import java.util.HashMap;
import java.util.Map;

/**
 * The utility (the leader): at every period boundary it turns the leader learner's policy and its
 * observation into the period's tariff ({@link DecideTariff} → {@link TariffDecision}), within the
 * scenario's bounds; every real step it bills the households at the cleared LMPs and the tariff in
 * force, and at a period's end it closes the ledger into the period's record (bills, EEI, gap,
 * income spread, revenue ratio), which rides on its {@link StepAck}.
 *
 * <p>Protocol (Command = the protobuf {@link Message}): {@link DecideTariff} → {@link TariffDecision}
 * to {@code reply_to}; {@link StepStart} (the tariff in force, whether the period closes) then
 * {@link Cleared} → {@link StepAck} to the barrier.
 */
public final class UtilityActor extends AbstractBehavior<Message> {
  private final TariffCodec codec;
  private final Scenario scenario;
  private final GroupLayout layout;
  private final Addresses addresses;
  private final Map<Long, StepStart> started = new HashMap<>();
  private final Map<Long, Cleared> early = new HashMap<>();
  private BillLedger periodLedger;

  /** A utility that decides tariffs only. */
  public static Behavior<Message> create(TariffCodec codec) {
    return Behaviors.setup(ctx -> new UtilityActor(ctx, codec, null));
  }

  /** The utility of a world of {@code scenario}: decides tariffs and bills every step. */
  public static Behavior<Message> create(TariffCodec codec, Scenario scenario) {
    return Behaviors.setup(ctx -> new UtilityActor(ctx, codec, scenario));
  }

  private UtilityActor(ActorContext<Message> ctx, TariffCodec codec, Scenario scenario) {
    super(ctx);
    this.codec = codec;
    this.scenario = scenario;
    this.layout = scenario == null ? null : new GroupLayout(scenario);
    this.addresses = new Addresses(ctx.getSystem());
    this.periodLedger = scenario == null ? null : new BillLedger(layout, scenario.clock().stepsPerDay());
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder()
        .onMessage(DecideTariff.class, this::onDecide)
        .onMessage(StepStart.class, this::onStepStart)
        .onMessage(Cleared.class, this::onCleared)
        .build();
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
    addresses.<TariffDecision>once(m.getReplyTo()).tell(reply.build());
    return this;
  }

  private Behavior<Message> onStepStart(StepStart m) {
    SchemaVersions.require(m.getSchemaVersion(), "StepStart", "coordinator");
    started.put(m.getStep(), m);
    Cleared c = early.remove(m.getStep());
    return c == null ? this : onCleared(c);
  }

  private Behavior<Message> onCleared(Cleared m) {
    SchemaVersions.require(m.getSchemaVersion(), "Cleared", "system operator");
    if (!m.getError().isEmpty()) {
      started.remove(m.getStep());
      return this; // the barrier has the operator's error
    }
    StepStart start = started.remove(m.getStep());
    if (start == null) {
      // Across machines Cleared may overtake the step's start: bill it once the tariff is known.
      early.put(m.getStep(), m);
      return this;
    }
    long t0 = System.nanoTime();
    StepAck.Builder ack = StepAck.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setStep(m.getStep())
        .setActor("utility");
    if (periodLedger == null) {
      ack.setError("step " + m.getStep() + ": this utility decides tariffs only and keeps no ledger");
    } else {
      Tariff tariff = StepMessages.tariff(start.getTariff());
      periodLedger.record(StepMessages.flows(m.getDemand()), StepMessages.doubles(m.getLmpUsdPerMwhList()), tariff);
      if (start.getClosesPeriod()) {
        int period = (int) (m.getStep() / scenario.clock().stepsPerPeriod());
        ack.setPeriod(StepMessages.period(StepPhases.periodRecord(scenario, layout, periodLedger, period, tariff)));
        periodLedger = new BillLedger(layout, scenario.clock().stepsPerDay());
      }
    }
    addresses.<Message>get(start.getRouting().getBarrier()).tell(ack.setDomainNanos(System.nanoTime() - t0).build());
    return this;
  }

  /** The tariff a decision carries. */
  public static Tariff tariff(TariffDecision d) {
    return new Tariff(d.getBuyAddOnUsdPerKwh(), d.getSellAddOnUsdPerKwh(),
        d.getFixedChargeUsdPerDayList().stream().mapToDouble(Double::doubleValue).toArray());
  }
}
