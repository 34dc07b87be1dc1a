package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.ConfigFactory;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.game.LearnedPolicy;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.game.TariffCodec;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.StepRecord;
import io.stackelgrid.world.StepEngine;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One real step of the learning world (three-bus, 50 SoC bins, freshly initialised follower
 * policies): played by the plain {@link World} versus by the world's actors through the step
 * barrier (StepStart, 3 plans, Γ, DC-OPF, Cleared, acknowledgements). Both run the same domain code,
 * so 1 − plain/actors is the share of an actor step spent outside it (messaging, serialisation,
 * waiting). The period variants play 24 steps per call, the actors in one request (as a run does
 * when nothing is learned between steps). {@code serialize = on} serialises every message as across machines; a single-JVM run
 * does not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StepFlowBenchmark {
  @Param({"off", "on"})
  public String serialize;

  /** "world": the step actors on their one-thread dispatcher (as a run places them); "default": Akka's. */
  @Param({"world", "default"})
  public String dispatcher;

  private static final int STEPS_PER_PERIOD = 24;
  private ActorSystem<Void> system;
  private World plain;
  private ActorSteps actors;
  private PolicyParams[] policies;

  @Setup(Level.Trial)
  public void setUp() {
    Scenario scenario = ScenarioLoader.load("three-bus", Map.of());
    WorldSettings settings = WorldSettings.of(scenario);
    WorldOptions options = new WorldOptions("baseline", true, true, 1);
    plain = new World(scenario, settings, options, Tariff.initial(scenario));
    World mirror = new World(scenario, settings, options, Tariff.initial(scenario));
    GameSettings game = GameSettings.of(scenario);
    int buses = scenario.grid().busCount();
    policies = new PolicyParams[buses];
    for (int n = 0; n < buses; n++) {
      policies[n] = LearnerFactory.follower(game, 1, n,
          FollowerProblem.of(plain, n, plain.belief(), new double[0], game, 0)).exportParams();
      plain.setPolicy(n, LearnedPolicy.of(policies[n]));
      mirror.setPolicy(n, LearnedPolicy.of(policies[n]));
    }
    system = ActorSystem.create(Behaviors.empty(), "bench", ConfigFactory.parseString(
        "akka.actor.serialize-messages = " + serialize + "\nakka.loglevel = WARNING")
        .withFallback(ConfigFactory.load()));
    Props none = dispatcher.equals("world") ? DispatcherSelector.fromConfig("stackelgrid.world-dispatcher")
        : Props.empty();
    StepEngine engine = mirror.engine();
    ActorRef<SystemOperatorActor.Command> operator = system.systemActorOf(SystemOperatorActor.create(engine, options),
        "operator", none);
    ActorRef<MeanFieldTrackerActor.Command> tracker = system.systemActorOf(
        MeanFieldTrackerActor.create(engine, options), "tracker", none);
    List<ActorRef<AggregatorActor.Command>> aggregators = new ArrayList<>();
    for (int n = 0; n < buses; n++) {
      aggregators.add(system.systemActorOf(AggregatorActor.create(n, engine), "aggregator-" + n, none));
    }
    ActorRef<UtilityActor.Command> utility = system.systemActorOf(UtilityActor.create(
        new TariffCodec(scenario.tariff(), scenario.tariffGroups().size(), TariffCodec.Centre.INITIAL), engine),
        "utility", none);
    ActorRef<StepBarrierActor.Command> barrier = system.systemActorOf(StepBarrierActor.create(engine, aggregators,
        tracker, operator, utility), "barrier", none);
    actors = new ActorSteps(system, barrier, mirror, Duration.ofSeconds(30));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    // The actors' own account of the same steps: round trip vs the domain time they reported.
    ActorSteps.Stats s = actors.stats();
    if (s.steps() > 0) {
      System.out.printf("%n[actor steps: %d, mean round trip %.1f us, mean domain time %.1f us, outside %.1f %%]%n",
          s.steps(), s.stepNanos() / 1e3 / s.steps(), s.domainNanos() / 1e3 / s.steps(),
          100.0 * (s.stepNanos() - s.domainNanos()) / s.stepNanos());
      s.byKind().forEach((kind, v) -> System.out.printf("[  %s: %.1f us per step]%n", kind,
          v.domainNanos() / 1e3 / s.steps()));
    }
    system.terminate();
  }

  @Benchmark
  public StepRecord plainWorld() {
    return plain.advance();
  }

  @Benchmark
  public StepRecord actors() {
    return actors.play(policies, false).step();
  }

  /** A period's 24 steps on the plain world (per op: 24 steps). */
  @Benchmark
  public StepRecord plainPeriod() {
    StepRecord r = null;
    for (int i = 0; i < STEPS_PER_PERIOD; i++) {
      r = plain.advance();
    }
    return r;
  }

  /**
   * A period's 24 steps on the actors in one request, as a run plays a period with nothing learned
   * between its steps (per op: 24 steps).
   */
  @Benchmark
  public StepRecord actorsPeriod() {
    return actors.play(policies, STEPS_PER_PERIOD, false).get(STEPS_PER_PERIOD - 1).step();
  }
}
