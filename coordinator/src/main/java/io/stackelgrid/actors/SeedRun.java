package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import io.stackelgrid.actors.UtilityActor.DecideTariff;
import io.stackelgrid.actors.UtilityActor.TariffDecision;
import io.stackelgrid.checkpoint.CheckpointFile;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.game.FollowerEnv;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.game.LeaderEnv;
import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.game.LearnerStates;
import io.stackelgrid.game.LeaderState;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.game.StackelbergGame;
import io.stackelgrid.game.TariffCodec;
import io.stackelgrid.learner.LearnerActor;
import io.stackelgrid.learner.LearnerActor.Train;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.StepEngine;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * One seed of the game on an actor system: the learning world's step actors, the baseline world, a
 * learner per aggregator and one for the leader (learner actors here, or wherever a
 * {@link Trainer.Placement} puts them); {@link #runPeriod} plays Algorithm 1's next period as a plain
 * driver on the caller's thread, which asks the actors and waits for their answers. The game is
 * this driver's alone: no actor holds it.
 */
public final class SeedRun {
  /** The learner actors' dispatcher: a thread per learner, since a training takes seconds. */
  public static final String LEARNER_DISPATCHER = "stackelgrid.learner-dispatcher";
  /** The world's step actors' dispatcher (node's reference.conf). */
  public static final String WORLD_DISPATCHER = "stackelgrid.world-dispatcher";

  private final ActorSystem<?> system;
  private final long seed;
  private final StackelbergGame.Listener stepListener;
  private final Consumer<StackelbergGame.PeriodResult> periodListener;
  private boolean failed;
  private final Trainer.Placement placement;
  private final StackelbergGame game;
  private final ActorBestResponses learners;
  private final Duration timeout;
  private final ActorSteps actorSteps;

  /**
   * Spawns the actors of seed {@code seed} in {@code system}, their names starting with
   * {@code namePrefix}. With {@code households} > 0 (finite-N mode, MODEL.md §5) the tracker and the
   * baseline world play that many real households sampled from the scenario's groups; the game's
   * view of the world stays a mean field, taking their empirical SoC histogram as μ.
   *
   * @param log receives learner failures (seed, period, learner)
   * @param restoreOrNull a checkpoint to continue from: learners restored, steps replayed (and
   *     reported to the listeners again) before this returns
   * @param placementOrNull where the learners train (e.g. other cluster members); null: learner
   *     actors in {@code system}
   */
  public SeedRun(ActorSystem<?> system, String namePrefix, Scenario scenario, GameSettings g, long seed, int days,
      long households, StackelbergGame.Listener steps, Consumer<StackelbergGame.PeriodResult> periods,
      Consumer<String> log, Duration timeout, CheckpointFile.Contents restoreOrNull,
      Trainer.Placement placementOrNull) {
    this.system = system;
    this.timeout = timeout;
    WorldSettings ws = WorldSettings.of(scenario);
    StepEngine engine = new StepEngine(scenario, ws);
    WorldOptions learningOptions = new WorldOptions("baseline", true, true, seed);
    World world = new World(engine, learningOptions, Tariff.initial(scenario));
    WorldOptions householdOptions = households == 0 ? learningOptions
        : new WorldOptions("baseline", false, true, seed, (double) households / scenario.households().totalCount());
    World base = new World(engine, householdOptions, Tariff.initial(scenario));
    int aggregators = world.layout().aggregatorCount();
    List<String> ids = scenario.households().aggregators().stream().map(io.stackelgrid.scenario.Aggregator::id)
        .toList();
    LearnerStates warm = restoreOrNull == null ? LearnerStates.none(ids) : restoreOrNull.learners();
    if (!warm.followers().keySet().equals(new java.util.LinkedHashSet<>(ids))) {
      throw new StackelgridException("checkpoint of seed " + seed + " holds learners of aggregators "
          + warm.followers().keySet() + ", this scenario has " + ids);
    }
    List<Trainer<FollowerProblem>> followers = new ArrayList<>();
    List<PolicyParams> initial = new ArrayList<>();
    Props learnerThread = DispatcherSelector.fromConfig(LEARNER_DISPATCHER);
    for (int a = 0; a < aggregators; a++) {
      int agg = a;
      FollowerProblem shape = FollowerProblem.of(world, a, world.belief(), new double[0], g, 0);
      try (PpoLearner first = LearnerFactory.follower(g, seed, agg, shape)) {
        initial.add(first.exportParams());
      }
      if (placementOrNull != null) {
        followers.add(placementOrNull.follower(agg));
        continue;
      }
      int rollout = g.follower().rolloutSteps();
      ActorRef<LearnerActor.Command<FollowerProblem>> learner = system.systemActorOf(
          LearnerActor.<FollowerProblem>create(LearnerFactory.followerName(agg), seed, g.budgetSteps(),
              () -> LearnerFactory.follower(g, seed, agg, shape), warm.follower(ids.get(agg)),
              p -> new FollowerEnv(p, FollowerEnv.copiesFor(rollout))),
          namePrefix + LearnerFactory.followerName(agg), learnerThread);
      followers.add(local(learner));
    }
    TariffCodec codec = g.codec(scenario);
    Trainer<LeaderProblem> leader;
    if (placementOrNull != null) {
      leader = placementOrNull.leader();
    } else {
      // The leader's learner is built on the first period's environment; each training brings its own.
      LeaderEnv first = new LeaderEnv(world.copy(), codec, new LeaderState(0, 1, world.tariff()), g);
      ActorRef<LearnerActor.Command<LeaderProblem>> learner = system.systemActorOf(
          LearnerActor.<LeaderProblem>create(LearnerFactory.LEADER, seed, g.budgetSteps(),
              () -> LearnerFactory.leader(g, seed, first), warm.leader(), p -> p.env(scenario, ws, g)),
          namePrefix + LearnerFactory.LEADER, learnerThread);
      leader = local(learner);
    }
    learners = new ActorBestResponses(followers, ids, leader, initial, warm, log);
    game = new StackelbergGame(world, base, g, learners, seed, days * scenario.clock().stepsPerDay());
    // The learning world's real steps run on its actors (ARCHITECTURE.md "One simulated step"),
    // replayed steps too, so their state (μ_F, beliefs, ledger, the DC-OPF's warm start) follows the
    // same steps as an uninterrupted run; shadow copies and the baseline world step locally.
    // One thread for the world's step actors: a step's chain of messages then runs without a thread
    // wake-up at every hop (StepFlowBenchmark, README).
    Props worldThread = DispatcherSelector.fromConfig(WORLD_DISPATCHER);
    ActorRef<SystemOperatorActor.Command> operator = system.systemActorOf(
        SystemOperatorActor.create(engine, learningOptions), namePrefix + "system-operator", worldThread);
    ActorRef<MeanFieldTrackerActor.Command> tracker = system.systemActorOf(
        MeanFieldTrackerActor.create(engine, householdOptions), namePrefix + "mean-field-tracker", worldThread);
    List<ActorRef<AggregatorActor.Command>> aggregatorRefs = new ArrayList<>();
    for (int a = 0; a < aggregators; a++) {
      aggregatorRefs.add(system.systemActorOf(AggregatorActor.create(a, engine),
          namePrefix + "aggregator-" + a, worldThread));
    }
    ActorRef<UtilityActor.Command> utility = system.systemActorOf(UtilityActor.create(codec, engine),
        namePrefix + "utility", worldThread);
    ActorRef<StepBarrierActor.Command> barrier = system.systemActorOf(
        StepBarrierActor.create(engine, aggregatorRefs, tracker, operator, utility), namePrefix + "step-barrier",
        worldThread);
    actorSteps = new ActorSteps(system, barrier, world, timeout);
    game.setRealSteps(actorSteps);
    game.setTariffDecider((period, leaderParams, observation) -> decideTariff(utility, period, leaderParams,
        observation));
    if (restoreOrNull != null) {
      game.replay(restoreOrNull.game(), steps, periods);
    }
    this.seed = seed;
    this.placement = placementOrNull;
    this.stepListener = steps;
    this.periodListener = periods;
  }

  /** The trainer of a learner actor in this system: asks it and waits up to the seed's timeout. */
  private <P> Trainer<P> local(ActorRef<LearnerActor.Command<P>> learner) {
    // The local learner actor keeps its own state; the caller's copy is for checkpoints.
    return (period, problem, lastGood) -> AskPattern.ask(learner,
        (ActorRef<LearnerActor.Reply> replyTo) -> new Train<>(period, problem, replyTo), timeout, system.scheduler());
  }

  public StackelbergGame game() {
    return game;
  }

  public ActorBestResponses learners() {
    return learners;
  }

  /** The learning world's real steps on its actors, and where their time went. */
  public ActorSteps steps() {
    return actorSteps;
  }

  /** Learner states after their last good training (null before a learner's first). */
  public LearnerStates learnerCheckpoints() {
    return learners.states();
  }

  private Tariff decideTariff(ActorRef<UtilityActor.Command> utility, int period, PolicyParams leaderParams,
      float[] observation) {
    TariffDecision d = await(AskPattern.<UtilityActor.Command, TariffDecision>ask(utility,
        replyTo -> new DecideTariff(period, leaderParams, observation, replyTo), timeout, system.scheduler())
        .toCompletableFuture(), "the utility's tariff (period " + period + ")");
    return d.tariff();
  }

  /** The checkpoint of this seed now (call between periods). */
  public CheckpointFile.Contents checkpoint() {
    return new CheckpointFile.Contents(game.state(), learnerCheckpoints());
  }

  /** What one period did (the full records went to the listeners). */
  public record PeriodPlayed(int period, boolean runDone, int innerIterations, double eeiGapPp, boolean frozen) {}

  /**
   * Plays the next period of Algorithm 1 on the caller's thread (the seed's driver, outside the actor
   * system: it waits for its learners and its world with their answers' completion stages); a failure
   * stops the run naming seed and period, and every later call is refused.
   */
  public PeriodPlayed runPeriod() {
    int period = game.stepsDone() / game.world().scenario().clock().stepsPerPeriod();
    if (failed || game.done()) {
      throw new io.stackelgrid.common.RunFailedException(failed ? "seed " + seed + ": the run already failed"
          : "seed " + seed + ": every period has been played");
    }
    try {
      StackelbergGame.PeriodResult r = game.playPeriod(stepListener);
      periodListener.accept(r);
      if (placement != null) {
        placement.periodPlayed();
      }
      return new PeriodPlayed(period, game.done(), r.info().innerIterations(), r.learning().eeiGapPp(),
          game.frozen());
    } catch (io.stackelgrid.common.RunInterruptedException e) {
      failed = true;
      throw e;
    } catch (RuntimeException e) {
      failed = true;
      system.log().error("seed {} period {}: {}", seed, period, e.toString());
      String where = "seed " + seed + ", period " + period;
      // Named once: a learner's failure from a cluster already names them.
      String message = e.getMessage() != null && e.getMessage().contains(where) ? e.getMessage()
          : where + ": " + e.getMessage();
      throw new io.stackelgrid.common.RunFailedException(message, e);
    }
  }

  /** The seed is done (or failed): its learners elsewhere are freed. */
  public void release() {
    if (placement != null) {
      placement.release();
    }
  }

  /** Waits for an answer on the driver's thread (a plain thread, not an actor's). */
  static <T> T await(CompletableFuture<T> reply, String what) {
    try {
      return reply.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.stackelgrid.common.RunInterruptedException("interrupted waiting for " + what, e);
    } catch (ExecutionException e) {
      throw new io.stackelgrid.common.RunFailedException("no answer with " + what + ": " + e.getCause(), e);
    }
  }
}
