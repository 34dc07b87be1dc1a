package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import com.google.protobuf.Message;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.meanfield.MeanField;
import io.stackelgrid.meanfield.MeanFieldPopulation;
import io.stackelgrid.proto.CohortField;
import io.stackelgrid.proto.MeanFieldStepped;
import io.stackelgrid.proto.PlanReply;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.proto.StepMeanField;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;

/**
 * The mean-field tracker of one world: owns μ_F (from a fresh world's uniform SoC) and, every real
 * step, answers a {@link StepMeanField} (the aggregators' plans) by applying Γ and replying with a
 * {@link MeanFieldStepped} (each group's energy and the new μ_F).
 *
 * <p>Protocol (Command = the protobuf {@link Message}): {@link StepMeanField} → {@link MeanFieldStepped}
 * to {@code reply_to}. Steps must arrive in order from step 0, since μ_F carries over.
 */
public final class MeanFieldTrackerActor extends AbstractBehavior<Message> {
  private final Scenario scenario;
  private final MeanFieldPopulation population;
  private final ActionPlan[] plans;
  private final GroupFlows flows;
  private final ActorRefResolver resolver;
  private long nextStep;

  public static Behavior<Message> create(Scenario scenario, WorldSettings settings, WorldOptions options) {
    return Behaviors.setup(ctx -> new MeanFieldTrackerActor(ctx, scenario, settings, options));
  }

  private MeanFieldTrackerActor(ActorContext<Message> ctx, Scenario scenario, WorldSettings settings,
      WorldOptions options) {
    super(ctx);
    this.scenario = scenario;
    this.population = World.meanFieldPopulation(scenario, settings, options);
    int buses = scenario.grid().busCount();
    plans = new ActionPlan[buses];
    for (int n = 0; n < buses; n++) {
      plans[n] = new ActionPlan(settings.socBins());
    }
    flows = new GroupFlows(scenario.households().groups().size());
    this.resolver = ActorRefResolver.get(ctx.getSystem());
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder()
        .onMessage(StepMeanField.class, this::onStep)
        .build();
  }

  private Behavior<Message> onStep(StepMeanField m) {
    SchemaVersions.require(m.getSchemaVersion(), "StepMeanField", "world");
    ActorRef<MeanFieldStepped> to = resolver.resolveActorRef(m.getReplyTo());
    long step = m.getStep();
    MeanFieldStepped.Builder reply = MeanFieldStepped.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
        .setStep(step);
    String error = check(m);
    if (error != null) {
      // Answered, not thrown: the waiting world stops the run with this error instead of timing out.
      to.tell(reply.setError(error).build());
      return this;
    }
    for (PlanReply p : m.getPlansList()) {
      double[] means = plans[p.getBus()].means();
      for (int j = 0; j < means.length; j++) {
        means[j] = p.getMeans(j);
      }
      plans[p.getBus()].setStd(p.getStd());
    }
    population.act(StepTime.of(scenario.clock(), (int) step), plans, flows);
    nextStep++;
    for (int g = 0; g < flows.netKwh.length; g++) {
      reply.addNetKwh(flows.netKwh[g]).addImportKwh(flows.importKwh[g]).addExportKwh(flows.exportKwh[g])
          .addStorageKwh(flows.storageKwh[g]);
    }
    MeanField field = population.field();
    for (int c = 0; c < field.cohorts(); c++) {
      CohortField.Builder cf = CohortField.newBuilder();
      for (double v : field.soc(c)) {
        cf.addSoc(v);
      }
      for (double v : field.action(c)) {
        cf.addAction(v);
      }
      reply.addCohorts(cf);
    }
    to.tell(reply.build());
    return this;
  }

  /** Why a request cannot be applied (out of order, wrong plans), or null. */
  private String check(StepMeanField m) {
    if (m.getStep() != nextStep) {
      return "step " + m.getStep() + ": the mean-field tracker expected step " + nextStep
          + " (steps must arrive in order from 0)";
    }
    if (m.getPlansCount() != plans.length) {
      return "step " + m.getStep() + ": " + m.getPlansCount() + " plans for " + plans.length + " buses";
    }
    for (int k = 0; k < plans.length; k++) {
      PlanReply p = m.getPlans(k);
      if (p.getBus() != k || p.getMeansCount() != plans[k].means().length) {
        return "step " + m.getStep() + ": plan " + k + " is for bus " + p.getBus() + " with "
            + p.getMeansCount() + " SoC bins (expected bus " + k + " with " + plans[k].means().length + ")";
      }
    }
    return null;
  }
}
