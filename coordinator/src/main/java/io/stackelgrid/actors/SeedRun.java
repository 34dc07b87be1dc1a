package io.stackelgrid.actors;

import io.stackelgrid.common.RunInterruptedException;
import io.stackelgrid.common.RunFailedException;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.AskPattern;
import com.google.protobuf.Message;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.game.LeaderEnv;
import io.stackelgrid.game.LeaderState;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.game.StackelbergGame;
import io.stackelgrid.game.TariffCodec;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.proto.PeriodDone;
import io.stackelgrid.proto.PolicyParams;
import io.stackelgrid.proto.PpoCheckpoint;
import io.stackelgrid.proto.RunPeriod;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One seed of the game on an actor system: the learning and baseline worlds, a learner actor per
 * aggregator and one for the leader, and the coordinator; {@link #runPeriod} asks the coordinator
 * for the next period and waits for its reply.
 */
public final class SeedRun {
  private final ActorSystem<?> system;
  private final ActorRef<Message> coordinator;
  private final StackelbergGame game;
  private final List<AtomicReference<PpoCheckpoint>> learnerStates;
  private final ActorBestResponses learners;
  private final Duration timeout;
  private final ActorSteps actorSteps;

  /**
   * Spawns the actors of seed {@code seed} in {@code system} (names carry the seed).
   *
   * @param log receives learner failures (seed, period, learner)
   * @param restoreOrNull a checkpoint to continue from: learners restored, steps replayed (and
   *     reported to the listeners again) before this returns
   */
  public SeedRun(ActorSystem<?> system, Scenario scenario, GameSettings g, long seed, int days,
      StackelbergGame.Listener steps, Consumer<StackelbergGame.PeriodResult> periods, Consumer<String> log,
      Duration timeout, io.stackelgrid.checkpoint.CheckpointFile.Contents restoreOrNull) {
    this(system, scenario, g, seed, days, steps, periods, log, timeout, restoreOrNull, 0, null);
  }

  /**
   * As above, with {@code households} real households (finite-N mode, MODEL.md §5) on the mean-field
   * tracker and in the baseline world, sampled from the scenario's groups; 0 = the mean field. The
   * game's view of the world stays a mean field, taking the households' empirical SoC histogram as μ.
   * The learners (followers and leader) are placed by {@code placementOrNull} (e.g. on other cluster
   * members); null spawns them in {@code system}.
   */
  public SeedRun(ActorSystem<?> system, Scenario scenario, GameSettings g, long seed, int days,
      StackelbergGame.Listener steps, Consumer<StackelbergGame.PeriodResult> periods, Consumer<String> log,
      Duration timeout, io.stackelgrid.checkpoint.CheckpointFile.Contents restoreOrNull, long households,
      FollowerTrainer.Placement placementOrNull) {
    this.system = system;
    this.timeout = timeout;
    WorldSettings ws = WorldSettings.of(scenario);
    WorldOptions learningOptions = new WorldOptions("baseline", true, true, seed);
    World world = new World(scenario, ws, learningOptions, Tariff.initial(scenario));
    WorldOptions householdOptions = households == 0 ? learningOptions
        : new WorldOptions("baseline", false, true, seed, (double) households / scenario.households().totalCount());
    World base = new World(scenario, ws, householdOptions, Tariff.initial(scenario));
    int buses = world.layout().busCount();
    learnerStates = new ArrayList<>();
    List<FollowerTrainer> followers = new ArrayList<>();
    List<PolicyParams> initial = new ArrayList<>();
    DispatcherSelector blocking = DispatcherSelector.blocking();
    for (int n = 0; n < buses; n++) {
      int bus = n;
      FollowerProblem shape = FollowerProblem.of(world, n, world.belief(), new double[0], g, 0);
      AtomicReference<PpoCheckpoint> state = new AtomicReference<>(
          restoreOrNull == null ? null : restoreOrNull.learners().get(n));
      learnerStates.add(state);
      PpoLearner first = LearnerFactory.follower(g, seed, bus, shape);
      initial.add(first.exportParams());
      first.close();
      if (placementOrNull != null) {
        followers.add(placementOrNull.follower(bus, state));
        continue;
      }
      followers.add(ActorBestResponses.local(system, system.systemActorOf(LearnerActor.create(
          LearnerFactory.followerName(bus), seed, g.budgetSteps(), () -> LearnerFactory.follower(g, seed, bus, shape),
          state, scenario.tariff(), null), "seed-" + seed + "-" + LearnerFactory.followerName(bus), blocking), timeout));
    }
    TariffCodec codec = g.codec(scenario);
    LeaderEnv placeholder = new LeaderEnv(world.copy(), codec, new LeaderState(0, 1, world.tariff()), g);
    AtomicReference<LeaderEnv> slot = new AtomicReference<>(placeholder);
    AtomicReference<PpoCheckpoint> leaderState = new AtomicReference<>(
        restoreOrNull == null ? null : restoreOrNull.learners().get(buses));
    learnerStates.add(leaderState);
    LeaderTrainer leader;
    if (placementOrNull != null) {
      leader = placementOrNull.leader(leaderState);
    } else {
      leader = ActorBestResponses.localLeader(system, system.systemActorOf(LearnerActor.create(LearnerFactory.LEADER,
          seed, g.budgetSteps(), () -> LearnerFactory.leader(g, seed, placeholder), leaderState, scenario.tariff(),
          slot::get), "seed-" + seed + "-" + LearnerFactory.LEADER, blocking), slot, timeout);
    }
    learners = new ActorBestResponses(system, followers, leader, initial, timeout, log);
    game = new StackelbergGame(world, base, g, learners, seed, days * scenario.clock().stepsPerDay());
    // The learning world's real steps run on its actors (ARCHITECTURE.md "One simulated step"),
    // replayed steps too, so their state (μ_F, beliefs, ledger, the DC-OPF's warm start) follows the
    // same steps as an uninterrupted run; shadow copies and the baseline world step locally.
    String prefix = "seed-" + seed + "-";
    // One thread for the world's step actors: a step's chain of messages then runs without a thread
    // wake-up at every hop (StepFlowBenchmark: ~30 % less time per step than Akka's default dispatcher
    // on a busy machine; on a quiet one the two were within 15 %, see README).
    akka.actor.typed.Props worldThread = DispatcherSelector.fromConfig("stackelgrid.world-dispatcher");
    ActorRef<Message> operator = system.systemActorOf(SystemOperatorActor.create(scenario, learningOptions),
        prefix + "system-operator", worldThread);
    ActorRef<Message> tracker = system.systemActorOf(MeanFieldTrackerActor.create(scenario, ws, householdOptions,
        operator), prefix + "mean-field-tracker", worldThread);
    List<ActorRef<Message>> aggregators = new ArrayList<>();
    for (int n = 0; n < buses; n++) {
      aggregators.add(system.systemActorOf(AggregatorActor.create(n, scenario, ws, tracker),
          prefix + "aggregator-" + n, worldThread));
    }
    ActorRef<Message> utility = system.systemActorOf(UtilityActor.create(codec, scenario), prefix + "utility", worldThread);
    ActorRef<Message> barrier = system.systemActorOf(StepBarrierActor.create(aggregators, utility, tracker),
        prefix + "step-barrier", worldThread);
    actorSteps = new ActorSteps(system, barrier, world, timeout);
    game.setRealSteps(actorSteps);
    game.setTariffDecider((period, leaderParams, observation) -> decideTariff(utility, period, leaderParams,
        observation));
    if (restoreOrNull != null) {
      if (restoreOrNull.learners().size() != buses + 1) {
        throw new StackelgridException("checkpoint of seed " + seed + " holds " + restoreOrNull.learners().size()
            + " learners, this scenario has " + (buses + 1));
      }
      game.replay(restoreOrNull.game(), steps, periods);
    }
    coordinator = system.systemActorOf(CoordinatorActor.create(game, seed, steps, periods),
        "seed-" + seed + "-coordinator", blocking);
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

  /** Learner states after their last good training (followers by bus, then the leader; null before). */
  public List<PpoCheckpoint> learnerCheckpoints() {
    return learnerStates.stream().map(AtomicReference::get).toList();
  }

  private Tariff decideTariff(ActorRef<Message> utility, int period, PolicyParams leaderParams, float[] obs) {
    ActorRefResolver resolver = ActorRefResolver.get(system);
    io.stackelgrid.proto.DecideTariff.Builder req = io.stackelgrid.proto.DecideTariff.newBuilder()
        .setSchemaVersion(SchemaVersions.CURRENT).setPeriod(period).setLeader(leaderParams);
    for (float f : obs) {
      req.addObservation(f);
    }
    try {
      io.stackelgrid.proto.TariffDecision d = AskPattern.<Message, io.stackelgrid.proto.TariffDecision>ask(utility,
          replyTo -> req.setReplyTo(resolver.toSerializationFormat(replyTo)).build(), timeout,
          system.scheduler()).toCompletableFuture().get();
      return UtilityActor.tariff(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunInterruptedException("interrupted waiting for the utility's tariff (period " + period + ")", e);
    } catch (ExecutionException e) {
      throw new RunFailedException("no tariff from the utility in period " + period + ": " + e.getCause(), e);
    }
  }

  /** The checkpoint of this seed now (call between periods). */
  public io.stackelgrid.checkpoint.CheckpointFile.Contents checkpoint() {
    return new io.stackelgrid.checkpoint.CheckpointFile.Contents(game.state(), learnerCheckpoints());
  }

  /** Plays the next period; throws with the coordinator's error (seed, period) if it failed. */
  public PeriodDone runPeriod() {
    ActorRefResolver resolver = ActorRefResolver.get(system);
    try {
      PeriodDone done = AskPattern.<Message, PeriodDone>ask(coordinator,
          replyTo -> RunPeriod.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
              .setReplyTo(resolver.toSerializationFormat(replyTo)).build(),
          timeout, system.scheduler()).toCompletableFuture().get();
      if (!done.getError().isEmpty()) {
        throw new RunFailedException(done.getError());
      }
      return done;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunInterruptedException("interrupted while the coordinator plays a period", e);
    } catch (ExecutionException e) {
      throw new RunFailedException("no answer from the coordinator: " + e.getCause(), e);
    }
  }
}
