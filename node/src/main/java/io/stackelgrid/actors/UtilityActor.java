package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.stackelgrid.actors.StepProtocol.Cleared;
import io.stackelgrid.actors.StepProtocol.StepFailed;
import io.stackelgrid.actors.StepProtocol.StepStart;
import io.stackelgrid.game.StackelbergGame;
import io.stackelgrid.game.TariffCodec;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.tariff.BillLedger;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.wire.WireMessage;
import io.stackelgrid.world.PeriodRecord;
import io.stackelgrid.world.StepPhases;
import java.util.HashMap;
import java.util.Map;

/**
 * The utility (the leader): at every period boundary it turns the leader learner's policy and its
 * observation into the period's tariff ({@link DecideTariff} → {@link TariffDecision}), within the
 * scenario's bounds; every real step it bills the households at the cleared LMPs and the tariff in
 * force ({@link StepStart}, then {@link Cleared} → {@link Billed} to the barrier), and at a period's
 * end it closes the ledger into the period's record (bills, EEI, gap, income spread, revenue ratio),
 * which rides on its {@link Billed}.
 */
public final class UtilityActor extends AbstractBehavior<UtilityActor.Command> {

  /** What the utility receives. */
  public sealed interface Command extends WireMessage permits DecideTariff, StepStart, Cleared {}

  /** The tariff of {@code period} from the leader's policy at its {@code observation}; answer {@code replyTo}. */
  public record DecideTariff(int period, PolicyParams leader, float[] observation, ActorRef<TariffDecision> replyTo)
      implements Command {}

  /** The tariff the utility installs for {@code period}. */
  public record TariffDecision(int period, Tariff tariff) implements WireMessage {}

  /** Step {@code step} is billed; {@code periodOrNull} is the record of the period it closed, if it did. */
  public record Billed(long step, PeriodRecord periodOrNull, long domainNanos) implements StepBarrierActor.Command {}

  private final TariffCodec codec;
  private final Scenario scenario;
  private final GroupLayout layout;
  private final Map<Long, StepStart> started = new HashMap<>();
  private final Map<Long, Cleared> early = new HashMap<>();
  private BillLedger periodLedger;

  /** A utility that decides tariffs only. */
  public static Behavior<Command> create(TariffCodec codec) {
    return Behaviors.setup(ctx -> new UtilityActor(ctx, codec, null));
  }

  /** The utility of a world of {@code scenario}: decides tariffs and bills every step. */
  public static Behavior<Command> create(TariffCodec codec, Scenario scenario) {
    return Behaviors.setup(ctx -> new UtilityActor(ctx, codec, scenario));
  }

  private UtilityActor(ActorContext<Command> ctx, TariffCodec codec, Scenario scenario) {
    super(ctx);
    this.codec = codec;
    this.scenario = scenario;
    this.layout = scenario == null ? null : new GroupLayout(scenario);
    this.periodLedger = scenario == null ? null : new BillLedger(layout, scenario.clock().stepsPerDay());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(DecideTariff.class, this::onDecideTariff)
        .onMessage(StepStart.class, this::onStepStart)
        .onMessage(Cleared.class, this::onCleared)
        .build();
  }

  private Behavior<Command> onDecideTariff(DecideTariff m) {
    m.replyTo().tell(new TariffDecision(m.period(), StackelbergGame.decide(codec, m.leader(), m.observation())));
    return this;
  }

  private Behavior<Command> onStepStart(StepStart m) {
    started.put(m.step(), m);
    Cleared c = early.remove(m.step());
    return c == null ? this : onCleared(c);
  }

  private Behavior<Command> onCleared(Cleared m) {
    StepStart start = started.remove(m.step());
    if (start == null) {
      // Across machines Cleared may overtake the step's start: bill it once the tariff is known.
      early.put(m.step(), m);
      return this;
    }
    long t0 = System.nanoTime();
    if (periodLedger == null) {
      start.routing().barrier().tell(new StepFailed(m.step(), "utility",
          "step " + m.step() + ": this utility decides tariffs only and keeps no ledger"));
      return this;
    }
    Tariff tariff = start.tariff();
    periodLedger.record(m.demand().flows(), m.lmpUsdPerMwh(), tariff);
    PeriodRecord closed = null;
    if (start.closesPeriod()) {
      int period = (int) (m.step() / scenario.clock().stepsPerPeriod());
      closed = StepPhases.periodRecord(scenario, layout, periodLedger, period, tariff);
      periodLedger = new BillLedger(layout, scenario.clock().stepsPerDay());
    }
    start.routing().barrier().tell(new Billed(m.step(), closed, System.nanoTime() - t0));
    return this;
  }
}
