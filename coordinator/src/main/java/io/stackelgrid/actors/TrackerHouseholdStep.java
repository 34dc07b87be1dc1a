package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import com.google.protobuf.Message;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.HouseholdStep;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.meanfield.MeanField;
import io.stackelgrid.meanfield.MeanFieldPopulation;
import io.stackelgrid.proto.CohortField;
import io.stackelgrid.proto.MeanFieldStepped;
import io.stackelgrid.proto.PlanReply;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.proto.StepMeanField;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * The real world's view of its {@link MeanFieldTrackerActor}: each step's plans become a
 * {@link StepMeanField}; the reply's group energies fill the world's flows and its μ_F overwrites the
 * world's own mean field, which shadow copies and best-response problems read. Measures the time
 * spent waiting.
 */
public final class TrackerHouseholdStep implements HouseholdStep {
  private final ActorSystem<?> system;
  private final ActorRef<Message> tracker;
  private final MeanFieldPopulation mirror;
  private final Duration timeout;
  private long askNanos;
  private long asks;

  /** @param mirror the world's own mean field, kept equal to the tracker's after every step */
  public TrackerHouseholdStep(ActorSystem<?> system, ActorRef<Message> tracker, MeanFieldPopulation mirror,
      Duration timeout) {
    this.system = system;
    this.tracker = tracker;
    this.mirror = mirror;
    this.timeout = timeout;
  }

  @Override
  public void act(StepTime time, ActionPlan[] plansByBus, GroupFlows out) {
    long t0 = System.nanoTime();
    ActorRefResolver resolver = ActorRefResolver.get(system);
    StepMeanField.Builder req = StepMeanField.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
        .setStep(time.step());
    for (int n = 0; n < plansByBus.length; n++) {
      PlanReply.Builder p = PlanReply.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setBus(n)
          .setStd(plansByBus[n].std());
      for (double v : plansByBus[n].means()) {
        p.addMeans(v);
      }
      req.addPlans(p);
    }
    MeanFieldStepped reply;
    try {
      reply = AskPattern.<Message, MeanFieldStepped>ask(tracker,
          replyTo -> req.setReplyTo(resolver.toSerializationFormat(replyTo)).build(), timeout,
          system.scheduler()).toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackelgridException("step " + time.step() + ": interrupted waiting for the mean-field tracker", e);
    } catch (ExecutionException e) {
      throw new StackelgridException("step " + time.step() + ": no answer from the mean-field tracker: "
          + e.getCause(), e);
    }
    SchemaVersions.require(reply.getSchemaVersion(), "MeanFieldStepped", "mean-field tracker");
    if (!reply.getError().isEmpty()) {
      throw new StackelgridException(reply.getError());
    }
    int groups = out.netKwh.length;
    MeanField field = mirror.field();
    if (reply.getNetKwhCount() != groups || reply.getCohortsCount() != field.cohorts()) {
      throw new StackelgridException("step " + time.step() + ": the mean-field tracker answered for "
          + reply.getNetKwhCount() + " groups and " + reply.getCohortsCount() + " cohorts, the world has "
          + groups + " and " + field.cohorts());
    }
    for (int g = 0; g < groups; g++) {
      out.netKwh[g] = reply.getNetKwh(g);
      out.importKwh[g] = reply.getImportKwh(g);
      out.exportKwh[g] = reply.getExportKwh(g);
      out.storageKwh[g] = reply.getStorageKwh(g);
    }
    for (int c = 0; c < field.cohorts(); c++) {
      CohortField cf = reply.getCohorts(c);
      copy(cf.getSocList(), field.soc(c), time, "SoC masses", c);
      copy(cf.getActionList(), field.action(c), time, "action histogram", c);
    }
    askNanos += System.nanoTime() - t0;
    asks++;
  }

  private static void copy(java.util.List<Double> from, double[] to, StepTime time, String what, int cohort) {
    if (from.size() != to.length) {
      throw new StackelgridException("step " + time.step() + ": the mean-field tracker's " + what + " of cohort "
          + cohort + " has " + from.size() + " bins, the world's " + to.length);
    }
    for (int j = 0; j < to.length; j++) {
      to[j] = from.get(j);
    }
  }

  /** Wall time spent in mean-field round trips (ask, serialisation, the tracker's Γ), nanoseconds. */
  public long askNanos() {
    return askNanos;
  }

  public long asks() {
    return asks;
  }
}
