package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.stackelgrid.actors.StepProtocol.Routing;
import io.stackelgrid.actors.StepProtocol.StepFailed;
import io.stackelgrid.actors.SystemOperatorActor.NetDemand;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.FinitePopulation;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.household.HouseholdModel;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.meanfield.MeanField;
import io.stackelgrid.meanfield.MeanFieldPopulation;
import io.stackelgrid.meanfield.SocGrid;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.wire.WireMessage;
import io.stackelgrid.world.StepPhases;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.util.Arrays;

/**
 * The mean-field tracker of one world: owns μ_F (from a fresh world's uniform SoC), or in finite-N
 * mode the world's N real households (their SoC and daily ξ, MODEL.md §5). Every real step it
 * gathers the aggregators' {@link Planned} plans, moves μ_F by Γ, and sends the step's
 * {@link NetDemand} (bus loads, group energies, bus mean SoC) to the system operator; a plan it
 * cannot use is reported to the barrier. Steps arrive in order from 0, since μ_F carries over.
 */
public final class MeanFieldTrackerActor extends AbstractBehavior<MeanFieldTrackerActor.Command> {

  /** What the tracker receives. */
  public sealed interface Command extends WireMessage permits Planned, FieldRequest {}

  /**
   * An aggregator's plan for step {@code step}: mean storage action per SoC bin and the policy's
   * spread; {@code moves} when the means are battery moves u (fixed rules), not policy actions a that
   * the scenario's action map carries onto the feasible interval.
   *
   * @param domainNanos the aggregator's domain time since its last plan (belief update, planning)
   */
  public record Planned(long step, int bus, double[] means, double std, boolean moves, long domainNanos,
      Routing routing) implements Command {}

  /** Send μ_F to {@code replyTo} if {@code stepsDone} steps have been played. */
  public record FieldRequest(long stepsDone, ActorRef<StepBarrierActor.Command> replyTo) implements Command {}

  /**
   * The tracker's μ_F by cohort (with N real households: their empirical SoC histogram and no action
   * histogram), and each bus's exact mean SoC.
   */
  public record FieldSnapshot(double[][] socByCohort, double[][] actionByCohort, double[] busMeanSoc)
      implements StepBarrierActor.Command {}

  private final Scenario scenario;
  private final GroupLayout layout;
  private final HouseholdModel population;
  private final SocGrid socGrid;
  private final int actionBins;
  private final ActorRef<SystemOperatorActor.Command> operator;
  private final ActionPlan[] plans;
  private final long[] planNanos;
  private final boolean[] planned;
  private final GroupFlows flows;
  private int received;
  private long stepsDone;

  /** @param operator the world's system operator, which clears the net demand */
  public static Behavior<Command> create(Scenario scenario, WorldSettings settings, WorldOptions options,
      ActorRef<SystemOperatorActor.Command> operator) {
    return Behaviors.setup(ctx -> new MeanFieldTrackerActor(ctx, scenario, settings, options, operator));
  }

  private MeanFieldTrackerActor(ActorContext<Command> ctx, Scenario scenario, WorldSettings settings,
      WorldOptions options, ActorRef<SystemOperatorActor.Command> operator) {
    super(ctx);
    this.scenario = scenario;
    this.layout = new GroupLayout(scenario);
    // The mean field, or N real households sampled from the scenario's groups (finite-N mode).
    this.population = options.meanField() ? World.meanFieldPopulation(scenario, settings, options)
        : new FinitePopulation(scenario, layout, options.seed(), options.noise(), settings.spread(),
            options.sampleFraction());
    this.socGrid = new SocGrid(settings.socBins());
    this.actionBins = settings.actionBins();
    this.operator = operator;
    int buses = layout.busCount();
    plans = new ActionPlan[buses];
    for (int n = 0; n < buses; n++) {
      plans[n] = new ActionPlan(settings.socBins());
    }
    planNanos = new long[buses];
    planned = new boolean[buses];
    flows = new GroupFlows(layout.groupCount());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Planned.class, this::onPlanned)
        .onMessage(FieldRequest.class, this::onFieldRequest)
        .build();
  }

  private Behavior<Command> onPlanned(Planned m) {
    String error = check(m);
    if (error != null) {
      // Answered, not thrown: the waiting coordinator stops the run with this error instead of timing out.
      m.routing().barrier().tell(new StepFailed(m.step(), "tracker", error));
      return this;
    }
    ActionPlan plan = plans[m.bus()];
    System.arraycopy(m.means(), 0, plan.means(), 0, m.means().length);
    plan.setStd(m.std());
    plan.setMoves(m.moves());
    planNanos[m.bus()] = m.domainNanos();
    planned[m.bus()] = true;
    if (++received == plans.length) {
      received = 0;
      Arrays.fill(planned, false);
      move(m);
    }
    return this;
  }

  /** All plans are in: Γ, the bus loads, and the net demand to the operator. */
  private void move(Planned last) {
    long t0 = System.nanoTime();
    StepTime time = StepTime.of(scenario.clock(), (int) last.step());
    StepPhases.moveHouseholds(population, time, plans, flows);
    StepPhases.BusLoads loads = StepPhases.loads(scenario, layout, flows);
    double[] meanSoc = StepPhases.busMeanSoc(layout, population);
    stepsDone++;
    operator.tell(new NetDemand(time.step(), loads.loadMwh(), loads.baseLoadMwh(), loads.householdKwh(),
        flows.copy(), meanSoc, planNanos.clone(), System.nanoTime() - t0, last.routing()));
  }

  /** Why a plan cannot be used (out of order, wrong bus or bins), or null. */
  private String check(Planned m) {
    if (m.step() != stepsDone) {
      return "step " + m.step() + ": the mean-field tracker expected step " + stepsDone
          + " (steps must arrive in order from 0)";
    }
    if (m.bus() < 0 || m.bus() >= plans.length || m.means().length != plans[m.bus()].means().length) {
      return "step " + m.step() + ": a plan for bus " + m.bus() + " with " + m.means().length
          + " SoC bins (the world has " + plans.length + " buses and " + plans[0].means().length + " bins)";
    }
    if (planned[m.bus()]) {
      return "step " + m.step() + ": a second plan for bus " + m.bus();
    }
    return null;
  }

  private Behavior<Command> onFieldRequest(FieldRequest m) {
    if (m.stepsDone() != stepsDone || received != 0) {
      m.replyTo().tell(new StepBarrierActor.SnapshotRefused("the mean-field tracker has played " + stepsDone
          + " steps (" + received + " plans of the next in), the snapshot asks for " + m.stepsDone()));
      return this;
    }
    double[] busMeanSoc = StepPhases.busMeanSoc(layout, population);
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
        soc[c] = new double[socGrid.bins()];
        finite.socHistogram(c, socGrid, soc[c]);
        action[c] = new double[actionBins];
      }
    }
    m.replyTo().tell(new FieldSnapshot(soc, action, busMeanSoc));
    return this;
  }
}
