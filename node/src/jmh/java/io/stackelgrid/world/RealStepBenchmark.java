package io.stackelgrid.world;

import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.game.LearnedPolicy;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One real step of a mean-field world on one thread, as {@link World#advance} plays it: every
 * aggregator's plan (its learned policy at 50 SoC bins), Γ for every prosumer group, the DC-OPF and
 * the bills; three-bus (3 aggregators) against case118-territory (about 99). The followers act
 * with freshly initialised learned policies (SoC- and price-dependent plans); the world keeps
 * stepping, so every call clears new loads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC"})
public class RealStepBenchmark {
  @Param({"three-bus", "case118-territory"})
  public String scenario;

  private World world;

  @Setup
  public void setUp() {
    Scenario s = ScenarioLoader.load(scenario, Map.of());
    GameSettings g = GameSettings.of(s);
    world = new World(s, WorldSettings.of(s), new WorldOptions("baseline", true, true, 3), Tariff.initial(s));
    for (int a = 0; a < world.layout().aggregatorCount(); a++) {
      FollowerProblem shape = FollowerProblem.of(world, a, world.belief(), new double[0], g, 0);
      world.setPolicy(a, LearnedPolicy.of(LearnerFactory.follower(g, 3, a, shape).exportParams()));
    }
  }

  @Benchmark
  public StepRecord realStep() {
    return world.advance();
  }
}
