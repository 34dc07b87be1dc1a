package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.stackelgrid.game.StackelbergGame;
import io.stackelgrid.game.TariffCodec;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.tariff.BillLedger;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.wire.WireMessage;
import io.stackelgrid.world.PeriodRecord;
import io.stackelgrid.world.StepEngine;

/**
 * The utility (the leader): at every period boundary it turns the leader learner's policy and its
 * observation into the period's tariff ({@link DecideTariff} → {@link TariffDecision}), within the
 * scenario's bounds; every real step it bills the households at the cleared LMPs and the tariff in
 * force ({@link BillStep} → {@link Billed}, {@link StepEngine#bill}), and at a period's end closes
 * the ledger into the period's record (bills, EEI, gap, income spread, revenue ratio).
 */
public final class UtilityActor extends AbstractBehavior<UtilityActor.Command> {

  /** What the utility receives. */
  public sealed interface Command extends WireMessage permits DecideTariff, BillStep {}

  /** The tariff of {@code period} from the leader's policy at its {@code observation}; answer {@code replyTo}. */
  public record DecideTariff(int period, PolicyParams leader, float[] observation, ActorRef<TariffDecision> replyTo)
      implements Command {}

  /** The tariff the utility installs for {@code period}. */
  public record TariffDecision(int period, Tariff tariff) implements WireMessage {}

  /**
   * Bill step {@code step}: the household groups' energies at the cleared LMPs and {@code tariff}; close
   * the period's ledger after it if {@code closesPeriod}.
   */
  public record BillStep(long step, GroupFlows flows, double[] lmpUsdPerMwh, Tariff tariff, boolean closesPeriod,
      ActorRef<BillReply> replyTo) implements Command {
    public BillStep {
      flows = flows.copy();
      lmpUsdPerMwh = lmpUsdPerMwh.clone();
    }
  }

  /** The answer to a {@link BillStep}. */
  public sealed interface BillReply extends WireMessage permits Billed, BillFailed {}

  /** Step {@code step} is billed; {@code periodOrNull} is the record of the period it closed, if it did. */
  public record Billed(long step, PeriodRecord periodOrNull, long domainNanos) implements BillReply {}

  /** The step could not be billed. */
  public record BillFailed(long step, String error) implements BillReply {}

  private final TariffCodec codec;
  private final StepEngine engine;
  private BillLedger periodLedger;

  /** A utility that decides tariffs only. */
  public static Behavior<Command> create(TariffCodec codec) {
    return Behaviors.setup(ctx -> new UtilityActor(ctx, codec, null));
  }

  /** The utility of a world on {@code engine}: decides tariffs and bills every step. */
  public static Behavior<Command> create(TariffCodec codec, StepEngine engine) {
    return Behaviors.setup(ctx -> new UtilityActor(ctx, codec, engine));
  }

  private UtilityActor(ActorContext<Command> ctx, TariffCodec codec, StepEngine engine) {
    super(ctx);
    this.codec = codec;
    this.engine = engine;
    this.periodLedger = engine == null ? null : newLedger();
  }

  private BillLedger newLedger() {
    return new BillLedger(engine.layout(), engine.scenario().clock().stepsPerDay());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(DecideTariff.class, this::onDecideTariff)
        .onMessage(BillStep.class, this::onBillStep)
        .build();
  }

  private Behavior<Command> onDecideTariff(DecideTariff m) {
    m.replyTo().tell(new TariffDecision(m.period(), StackelbergGame.decide(codec, m.leader(), m.observation())));
    return this;
  }

  private Behavior<Command> onBillStep(BillStep m) {
    long t0 = System.nanoTime();
    if (periodLedger == null) {
      m.replyTo().tell(new BillFailed(m.step(), "step " + m.step() + ": this utility decides tariffs only and keeps no ledger"));
      return this;
    }
    engine.bill(periodLedger, m.flows(), m.lmpUsdPerMwh(), m.tariff());
    PeriodRecord closed = null;
    if (m.closesPeriod()) {
      int period = (int) (m.step() / engine.scenario().clock().stepsPerPeriod());
      closed = engine.periodRecord(periodLedger, period, m.tariff());
      periodLedger = newLedger();
    }
    m.replyTo().tell(new Billed(m.step(), closed, System.nanoTime() - t0));
    return this;
  }
}
