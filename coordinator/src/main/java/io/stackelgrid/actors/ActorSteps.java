package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import io.stackelgrid.actors.AggregatorActor.BeliefSnapshot;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldSnapshot;
import io.stackelgrid.actors.StepBarrierActor.ActorTiming;
import io.stackelgrid.actors.StepBarrierActor.PlayStep;
import io.stackelgrid.actors.StepBarrierActor.SnapshotRefused;
import io.stackelgrid.actors.StepBarrierActor.SnapshotReply;
import io.stackelgrid.actors.StepBarrierActor.StepPlayed;
import io.stackelgrid.actors.StepBarrierActor.StepsFailed;
import io.stackelgrid.actors.StepBarrierActor.StepsPlayed;
import io.stackelgrid.actors.StepBarrierActor.StepsReply;
import io.stackelgrid.actors.StepBarrierActor.TakeSnapshot;
import io.stackelgrid.actors.StepBarrierActor.WorldSnapshot;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.game.RealSteps;
import io.stackelgrid.game.RealSteps.PartlyPlayed;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.world.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The learning world's real steps played by its actors through the world's
 * {@link StepBarrierActor}: a {@link PlayStep} round trip per step, or per batch of steps, whose
 * {@link StepPlayed}s become the step records (and the utility's period record). The world object is
 * the game's view, set whole by {@link #sync()} from a {@link TakeSnapshot} (steps played, the
 * tracker's μ_F, the aggregators' beliefs) before the game copies or reads it; between snapshots it is
 * not kept up, and {@link #stepsDone()} counts the steps. With N real households on the tracker the view is still a mean field: it takes their
 * empirical SoC histogram as μ, so shadow copies start from it. Measures where the steps' time went.
 */
public final class ActorSteps implements RealSteps {
  private final ActorSystem<?> system;
  private final ActorRef<StepBarrierActor.Command> barrier;
  private final World world;
  private final GroupLayout layout;
  private final Duration timeout;
  private final PolicyParams[] installed;
  private double[] busMeanSoc;
  private int stepsDone;
  private int syncedAt = -1;
  private final Stats stats = new Stats();

  /** @param world the learning world at step 0, whose steps the actors behind {@code barrier} play */
  public ActorSteps(ActorSystem<?> system, ActorRef<StepBarrierActor.Command> barrier, World world, Duration timeout) {
    this.system = system;
    this.barrier = barrier;
    this.world = world;
    this.layout = world.layout();
    this.timeout = timeout;
    this.installed = new PolicyParams[layout.aggregatorCount()];
    if (world.step() != 0) {
      throw new IllegalStateException("the step actors start from a fresh world (step 0), this one is at step "
          + world.step());
    }
    // The tracker's households at step 0 (uniform μ, or N households' drawn SoC) into the world's view.
    this.busMeanSoc = snapshot();
  }

  @Override
  public Played play(PolicyParams[] policies, boolean closesPeriod) {
    long t0 = System.nanoTime();
    StepsReply r = playSteps(policies, closesPeriod, 1);
    if (r instanceof StepsFailed f) {
      throw new io.stackelgrid.common.RunFailedException(f.error());
    }
    StepPlayed one = ((StepsPlayed) r).played().get(0);
    Played p = played(one);
    stats.add(one, System.nanoTime() - t0, layout.aggregatorCount());
    return p;
  }

  /** The steps back to back in one request: the coordinator's thread waits once, not every step. */
  @Override
  public List<Played> play(PolicyParams[] policies, int steps, boolean lastClosesPeriod) {
    if (steps <= 1) {
      return RealSteps.super.play(policies, steps, lastClosesPeriod);
    }
    long t0 = System.nanoTime();
    StepsReply r = playSteps(policies, lastClosesPeriod, steps);
    long wall = System.nanoTime() - t0;
    List<StepPlayed> done = r instanceof StepsPlayed p ? p.played() : ((StepsFailed) r).played();
    List<Played> out = new ArrayList<>(steps);
    for (StepPlayed one : done) {
      out.add(played(one));
      // The batch's wall time shared evenly: the coordinator sees only the whole.
      stats.add(one, wall / steps, layout.aggregatorCount());
    }
    if (r instanceof StepsFailed f) {
      throw new PartlyPlayed(f.error(), out);
    }
    return out;
  }

  private StepsReply playSteps(PolicyParams[] policies, boolean lastClosesPeriod, int steps) {
    int step = stepsDone;
    Map<Integer, PolicyParams> changed = new HashMap<>();
    for (int n = 0; n < policies.length; n++) {
      if (installed[n] != policies[n]) {
        changed.put(n, policies[n]);
      }
    }
    StepsReply r = ask(replyTo -> new PlayStep(step, world.tariff(), busMeanSoc, lastClosesPeriod, changed, steps,
        replyTo), steps == 1 ? "step " + step : "steps " + step + "-" + (step + steps - 1), steps);
    System.arraycopy(policies, 0, installed, 0, policies.length);
    return r;
  }

  /** A step the actors played, into the count, the next step's mean SoC and the game's records. */
  private Played played(StepPlayed r) {
    busMeanSoc = r.record().meanSoc();
    stepsDone++;
    return new Played(r.record(), r.periodOrNull());
  }

  @Override
  public void sync() {
    if (syncedAt != stepsDone) {
      snapshot(); // else nothing moved since the last snapshot
    }
  }

  @Override
  public int stepsDone() {
    return stepsDone;
  }

  /** Sets the world's view to the actors' state (steps, μ_F, beliefs); returns the exact bus mean SoC. */
  private double[] snapshot() {
    long t0 = System.nanoTime();
    int step = stepsDone;
    SnapshotReply reply = this.<SnapshotReply>ask(replyTo -> new TakeSnapshot(step, replyTo),
        "snapshot after step " + step, 1);
    if (reply instanceof SnapshotRefused r) {
      throw new io.stackelgrid.common.RunFailedException("snapshot after " + step + " steps: " + r.why());
    }
    WorldSnapshot s = (WorldSnapshot) reply;
    FieldSnapshot field = s.field();
    double[][] beliefs = new double[layout.aggregatorCount()][];
    for (BeliefSnapshot b : s.beliefs()) {
      beliefs[b.aggregator()] = b.beliefUsdPerMwh();
    }
    world.restore(step, field.socByCohort(), field.actionByCohort(), beliefs);
    syncedAt = step;
    stats.snapshot(System.nanoTime() - t0);
    return field.busMeanSoc();
  }

  /** Asks the barrier and waits on the driver's thread (not an actor's) for its answer. */
  private <T> T ask(Function<ActorRef<T>, StepBarrierActor.Command> request, String what, int steps) {
    try {
      return AskPattern.ask(barrier, request::apply, timeout, system.scheduler()).toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.stackelgrid.common.RunInterruptedException(what + ": interrupted waiting for the world's actors", e);
    } catch (ExecutionException e) {
      throw new io.stackelgrid.common.RunFailedException(what + ": no answer from the world's actors: " + e.getCause(), e);
    }
  }

  /** Where the real steps' wall time went. */
  public Stats stats() {
    return stats;
  }

  /** What one kind of actor did over the steps: messages handled and time in domain code. */
  public record ActorLoad(long messages, long domainNanos) {
    ActorLoad plus(ActorLoad o) {
      return new ActorLoad(messages + o.messages, domainNanos + o.domainNanos);
    }
  }

  /**
   * Totals over the steps played: wall time of the round trips as the coordinator saw them, and per
   * actor kind the messages it handled (by protocol) and the time it spent in domain code.
   */
  public static final class Stats {
    private long steps;
    private long stepNanos;
    private long firstStepNanos;
    private long firstStepDomainNanos;
    private long snapshots;
    private long snapshotNanos;
    private final Map<String, ActorLoad> byKind = new LinkedHashMap<>();

    private void add(StepPlayed r, long wallNanos, int aggregators) {
      steps++;
      stepNanos += wallNanos;
      if (steps == 1) {
        // The first step loads and initialises the whole actor path (classes, codecs).
        firstStepNanos = wallNanos;
        for (ActorTiming t : r.timings()) {
          firstStepDomainNanos += t.domainNanos();
        }
      }
      // Messages each kind of actor receives per step: an aggregator PlanStep and ObservePrice, the
      // tracker MoveHouseholds, the operator ClearLoads, the utility BillStep; the barrier a reply from each.
      byKind.merge("aggregators", new ActorLoad(2L * aggregators, 0), ActorLoad::plus);
      byKind.merge("tracker", new ActorLoad(1, 0), ActorLoad::plus);
      byKind.merge("operator", new ActorLoad(1, 0), ActorLoad::plus);
      byKind.merge("utility", new ActorLoad(1, 0), ActorLoad::plus);
      byKind.merge("barrier", new ActorLoad(aggregators + 3L, 0), ActorLoad::plus);
      for (ActorTiming t : r.timings()) {
        String kind = t.actor().startsWith("aggregator") ? "aggregators" : t.actor();
        byKind.merge(kind, new ActorLoad(0, t.domainNanos()), ActorLoad::plus);
      }
    }

    private void snapshot(long nanos) {
      snapshots++;
      snapshotNanos += nanos;
    }

    public long steps() {
      return steps;
    }

    /** Wall time of the steps' round trips (start to barrier), nanoseconds. */
    public long stepNanos() {
      return stepNanos;
    }

    /** Wall time of the first step's round trip, nanoseconds. */
    public long firstStepNanos() {
      return firstStepNanos;
    }

    /** Domain time the actors reported for the first step, nanoseconds. */
    public long firstStepDomainNanos() {
      return firstStepDomainNanos;
    }

    public long snapshots() {
      return snapshots;
    }

    public long snapshotNanos() {
      return snapshotNanos;
    }

    /** Per actor kind, in the order first seen: messages handled and domain time. */
    public Map<String, ActorLoad> byKind() {
      return byKind;
    }

    /** Domain time summed over every actor, nanoseconds. */
    public long domainNanos() {
      long s = 0;
      for (ActorLoad v : byKind.values()) {
        s += v.domainNanos();
      }
      return s;
    }
  }
}
