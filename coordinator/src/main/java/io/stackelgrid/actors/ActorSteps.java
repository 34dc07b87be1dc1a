package io.stackelgrid.actors;

import io.stackelgrid.common.RunInterruptedException;
import io.stackelgrid.common.RunFailedException;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import com.google.protobuf.Message;
import io.stackelgrid.game.RealSteps;
import io.stackelgrid.game.RealSteps.PartlyPlayed;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.proto.ActorTiming;
import io.stackelgrid.proto.BeliefSnapshot;
import io.stackelgrid.proto.CohortField;
import io.stackelgrid.proto.PlayStep;
import io.stackelgrid.proto.PolicyParams;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.proto.SnapshotRequest;
import io.stackelgrid.proto.StepPlayed;
import io.stackelgrid.proto.StepsPlayed;
import io.stackelgrid.proto.StepStart;
import io.stackelgrid.proto.WorldSnapshot;
import io.stackelgrid.world.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The learning world's real steps played by its actors through the coordinator's
 * {@link StepBarrierActor}: each step is one {@link PlayStep} round trip whose {@link StepPlayed}
 * becomes the step record (and the utility's period record). The world object is kept as the game's
 * view: its step count moves with every step, and {@link #sync()} copies the tracker's μ_F and the
 * aggregators' beliefs into it (a {@link SnapshotRequest}) before the game copies or reads it. With N
 * real households on the tracker the view is still a mean field: it takes their empirical SoC
 * histogram as μ, so shadow copies start from it.
 * Measures where the steps' time went.
 */
public final class ActorSteps implements RealSteps {
  /** How long the caller spins for a step's or snapshot's answer before it blocks, per step asked for. */
  private static final long SPIN_NANOS = 200_000;
  private final ActorSystem<?> system;
  private final ActorRef<Message> barrier;
  private final World world;
  private final GroupLayout layout;
  private final Duration timeout;
  private final Addresses addresses;
  private final PolicyParams[] installed;
  private double[] busMeanSoc;
  private int syncedAt = -1;
  private final Stats stats = new Stats();

  /** @param world the learning world at step 0, whose steps the actors behind {@code barrier} play */
  public ActorSteps(ActorSystem<?> system, ActorRef<Message> barrier, World world, Duration timeout) {
    this.system = system;
    this.barrier = barrier;
    this.world = world;
    this.layout = world.layout();
    this.timeout = timeout;
    this.addresses = new Addresses(system);
    this.installed = new PolicyParams[layout.busCount()];
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
    int step = world.step();
    PlayStep.Builder req = request(policies, closesPeriod, 1);
    StepPlayed r = ask(replyTo -> req.setReplyTo(addresses.of(replyTo)).build(), "step " + step);
    if (!r.getError().isEmpty()) {
      throw new RunFailedException(r.getError());
    }
    System.arraycopy(policies, 0, installed, 0, policies.length);
    Played p = played(r);
    stats.add(r, System.nanoTime() - t0, layout.busCount());
    return p;
  }

  /** The steps back to back in one request: the coordinator's thread waits once, not every step. */
  @Override
  public List<Played> play(PolicyParams[] policies, int steps, boolean lastClosesPeriod) {
    if (steps <= 1) {
      return RealSteps.super.play(policies, steps, lastClosesPeriod);
    }
    long t0 = System.nanoTime();
    int step = world.step();
    PlayStep.Builder req = request(policies, lastClosesPeriod, steps);
    StepsPlayed r = ask(replyTo -> req.setReplyTo(addresses.of(replyTo)).build(),
        "steps " + step + "-" + (step + steps - 1), steps);
    System.arraycopy(policies, 0, installed, 0, policies.length);
    List<Played> out = new ArrayList<>(steps);
    long wall = System.nanoTime() - t0;
    for (StepPlayed one : r.getPlayedList()) {
      if (!one.getError().isEmpty()) {
        break;
      }
      out.add(played(one));
      // The batch's wall time shared evenly: the coordinator sees only the whole.
      stats.add(one, wall / steps, layout.busCount());
    }
    if (!r.getError().isEmpty()) {
      throw new PartlyPlayed(r.getError(), out);
    }
    return out;
  }

  private PlayStep.Builder request(PolicyParams[] policies, boolean closesPeriod, int steps) {
    StepStart.Builder start = StepStart.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setStep(world.step())
        .setTariff(StepMessages.tariff(world.tariff())).setClosesPeriod(closesPeriod);
    for (double v : busMeanSoc) {
      start.addBusMeanSoc(v);
    }
    PlayStep.Builder req = PlayStep.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setStart(start)
        .setSteps(steps);
    for (int n = 0; n < policies.length; n++) {
      if (installed[n] != policies[n]) {
        req.putPolicies(n, policies[n]);
      }
    }
    return req;
  }

  /** A step the actors played, into the world's view (step count, mean SoC) and the game's records. */
  private Played played(StepPlayed r) {
    busMeanSoc = StepMessages.doubles(r.getCleared().getDemand().getBusMeanSocList());
    world.countStepPlayedElsewhere();
    return new Played(StepMessages.record(world.scenario(), layout, r.getCleared()),
        r.hasPeriod() ? StepMessages.period(r.getPeriod()) : null);
  }

  @Override
  public void sync() {
    if (syncedAt != world.step()) {
      snapshot(); // else nothing moved since the last snapshot
    }
  }

  /** Copies the actors' μ_F and beliefs into the world's view; returns the exact bus mean SoC. */
  private double[] snapshot() {
    long t0 = System.nanoTime();
    int step = world.step();
    WorldSnapshot s = ask(replyTo -> SnapshotRequest.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
        .setStepsDone(step).setReplyTo(addresses.of(replyTo)).build(), "snapshot after step " + step);
    if (!s.getError().isEmpty()) {
      throw new RunFailedException("snapshot after " + step + " steps: " + s.getError());
    }
    int cohorts = s.getField().getCohortsCount();
    double[][] soc = new double[cohorts][];
    double[][] action = new double[cohorts][];
    for (int c = 0; c < cohorts; c++) {
      CohortField f = s.getField().getCohorts(c);
      soc[c] = StepMessages.doubles(f.getSocList());
      action[c] = StepMessages.doubles(f.getActionList());
    }
    double[][] beliefs = new double[layout.busCount()][];
    for (BeliefSnapshot b : s.getBeliefsList()) {
      beliefs[b.getBus()] = StepMessages.doubles(b.getBeliefUsdPerMwhList());
    }
    world.restore(soc, action, beliefs);
    syncedAt = step;
    stats.syncs++;
    stats.syncNanos += System.nanoTime() - t0;
    return StepMessages.doubles(s.getField().getBusMeanSocList());
  }

  @SuppressWarnings("unchecked")
  private <T> T ask(Function<ActorRef<T>, Message> request, String what) {
    return ask(request, what, 1);
  }

  private <T> T ask(Function<ActorRef<T>, Message> request, String what, int steps) {
    try {
      CompletableFuture<T> reply = AskPattern.<Message, T>ask(barrier, replyTo -> request.apply(replyTo), timeout,
          system.scheduler()).toCompletableFuture();
      // A step takes tens of microseconds; parking this thread and being woken for the reply cost
      // about as much again (StepFlowBenchmark), so watch for it briefly before blocking.
      long until = System.nanoTime() + SPIN_NANOS * steps;
      while (!reply.isDone() && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      return reply.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunInterruptedException(what + ": interrupted waiting for the world's actors", e);
    } catch (ExecutionException e) {
      throw new RunFailedException(what + ": no answer from the world's actors: " + e.getCause(), e);
    }
  }

  /** Where the real steps' wall time went. */
  public Stats stats() {
    return stats;
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
    private long syncs;
    private long syncNanos;
    private final Map<String, long[]> byActor = new LinkedHashMap<>();
    /** Each timing name's entry of {@link #byActor} (the names repeat every step). */
    private final Map<String, long[]> kinds = new java.util.HashMap<>();

    private void add(StepPlayed r, long wallNanos, int buses) {
      steps++;
      stepNanos += wallNanos;
      if (steps == 1) {
        // The first step loads and initialises the whole actor path (classes, protobuf descriptors).
        firstStepNanos = wallNanos;
        for (ActorTiming t : r.getTimingsList()) {
          firstStepDomainNanos += t.getDomainNanos();
        }
      }
      // Messages each kind of actor receives per step: an aggregator StepStart and Cleared, the tracker
      // one plan per bus, the operator the net demand, the utility StepStart and Cleared.
      count("aggregators", 2L * buses);
      count("tracker", buses);
      count("operator", 1);
      count("utility", 2);
      for (int k = 0; k < r.getTimingsCount(); k++) {
        ActorTiming t = r.getTimings(k);
        long[] kind = kinds.get(t.getActor());
        if (kind == null) {
          String a = t.getActor();
          kind = byActor.computeIfAbsent(a.startsWith("aggregator") ? "aggregators" : a, x -> new long[2]);
          kinds.put(a, kind);
        }
        kind[1] += t.getDomainNanos();
      }
    }

    private void count(String kind, long messages) {
      byActor.computeIfAbsent(kind, k -> new long[2])[0] += messages;
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

    public long syncs() {
      return syncs;
    }

    public long syncNanos() {
      return syncNanos;
    }

    /** Per actor kind: {messages handled, domain nanoseconds}. */
    public Map<String, long[]> byActor() {
      return byActor;
    }

    /** Domain time summed over every actor, nanoseconds. */
    public long domainNanos() {
      long s = 0;
      for (long[] v : byActor.values()) {
        s += v[1];
      }
      return s;
    }
  }
}
