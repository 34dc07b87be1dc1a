package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.FinitePopulation;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.household.HouseholdModel;
import io.stackelgrid.meanfield.MeanField;
import io.stackelgrid.meanfield.MeanFieldPopulation;
import io.stackelgrid.wire.WireMessage;
import io.stackelgrid.world.StepEngine;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.util.List;

/**
 * The mean-field tracker of one world: owns μ_F (from a fresh world's uniform SoC), or in finite-N
 * mode the world's N real households (their SoC and daily ξ, MODEL.md §5). Every real step it
 * moves them by the aggregators' plans ({@link MoveHouseholds} → {@link Moved}, the result of
 * {@link StepEngine#move}). Steps arrive in order from 0, since μ_F carries over.
 */
public final class MeanFieldTrackerActor extends AbstractBehavior<MeanFieldTrackerActor.Command> {

  /** What the tracker receives. */
  public sealed interface Command extends WireMessage permits MoveHouseholds, FieldRequest {}

  /** Move the households of step {@code step} by the plans (one per aggregator). */
  public record MoveHouseholds(long step, List<ActionPlan> plans, ActorRef<MoveReply> replyTo) implements Command {
    public MoveHouseholds {
      plans = List.copyOf(plans);
    }
  }

  /** The answer to a {@link MoveHouseholds}. */
  public sealed interface MoveReply extends WireMessage permits Moved, MoveFailed {}

  /** What the households of step {@code step} put on the grid; {@code domainNanos} of Γ. */
  public record Moved(long step, StepEngine.Moved moved, long domainNanos) implements MoveReply {}

  /** The step could not be played: {@code error} says why. */
  public record MoveFailed(long step, String error) implements MoveReply {}

  /** Send μ_F to {@code replyTo} if {@code stepsDone} steps have been played. */
  public record FieldRequest(long stepsDone, ActorRef<FieldReply> replyTo) implements Command {}

  /** The answer to a {@link FieldRequest}. */
  public sealed interface FieldReply extends WireMessage permits FieldSnapshot, FieldRefused {}

  /**
   * The tracker's μ_F by cohort (with N real households: their empirical SoC histogram and no action
   * histogram), and each bus's exact mean SoC.
   */
  public record FieldSnapshot(double[][] socByCohort, double[][] actionByCohort, double[] busMeanSoc)
      implements FieldReply {}

  /** μ_F is of another step than asked for. */
  public record FieldRefused(String why) implements FieldReply {}

  private final StepEngine engine;
  private final GroupLayout layout;
  private final HouseholdModel population;
  private long stepsDone;

  public static Behavior<Command> create(StepEngine engine, WorldOptions options) {
    return Behaviors.setup(ctx -> new MeanFieldTrackerActor(ctx, engine, options));
  }

  private MeanFieldTrackerActor(ActorContext<Command> ctx, StepEngine engine, WorldOptions options) {
    super(ctx);
    this.engine = engine;
    this.layout = engine.layout();
    // The mean field, or N real households sampled from the scenario's groups (finite-N mode).
    this.population = options.meanField() ? World.meanFieldPopulation(engine, options)
        : new FinitePopulation(engine.scenario(), layout, options.seed(), options.noise(),
            engine.settings().spread(), options.sampleFraction());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(MoveHouseholds.class, this::onMoveHouseholds)
        .onMessage(FieldRequest.class, this::onFieldRequest)
        .build();
  }

  private Behavior<Command> onMoveHouseholds(MoveHouseholds m) {
    long t0 = System.nanoTime();
    String error = check(m);
    if (error != null) {
      m.replyTo().tell(new MoveFailed(m.step(), error));
      return this;
    }
    StepEngine.Moved moved = engine.move(population, engine.time(m.step()), m.plans().toArray(ActionPlan[]::new));
    stepsDone++;
    m.replyTo().tell(new Moved(m.step(), moved, System.nanoTime() - t0));
    return this;
  }

  /** Why the plans cannot be used (out of order, wrong count or bins), or null. */
  private String check(MoveHouseholds m) {
    if (m.step() != stepsDone) {
      return "step " + m.step() + ": the mean-field tracker expected step " + stepsDone
          + " (steps must arrive in order from 0)";
    }
    if (m.plans().size() != layout.aggregatorCount()) {
      return "step " + m.step() + ": " + m.plans().size() + " plans for " + layout.aggregatorCount() + " aggregators";
    }
    for (int a = 0; a < m.plans().size(); a++) {
      if (m.plans().get(a).bins() != engine.socGrid().bins()) {
        return "step " + m.step() + ": the plan of aggregator " + layout.aggregator(a).id() + " has "
            + m.plans().get(a).bins() + " SoC bins, the world " + engine.socGrid().bins();
      }
    }
    return null;
  }

  private Behavior<Command> onFieldRequest(FieldRequest m) {
    if (m.stepsDone() != stepsDone) {
      m.replyTo().tell(new FieldRefused("the mean-field tracker has played " + stepsDone
          + " steps, the snapshot asks for " + m.stepsDone()));
      return this;
    }
    double[][] soc = new double[layout.cohortCount()][];
    double[][] action = new double[layout.cohortCount()][];
    if (population instanceof MeanFieldPopulation mf) {
      MeanField field = mf.field();
      for (int c = 0; c < field.cohorts(); c++) {
        soc[c] = field.soc(c).clone();
        action[c] = field.action(c).clone();
      }
    } else {
      FinitePopulation finite = (FinitePopulation) population;
      for (int c = 0; c < layout.cohortCount(); c++) {
        soc[c] = new double[engine.socGrid().bins()];
        finite.socHistogram(c, engine.socGrid(), soc[c]);
        action[c] = new double[engine.settings().actionBins()];
      }
    }
    m.replyTo().tell(new FieldSnapshot(soc, action, engine.busMeanSoc(population)));
    return this;
  }
}
