package io.stackelgrid.game;

import io.stackelgrid.household.Observation;
import io.stackelgrid.ppo.EnvStep;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The leader's hot path on three-bus at paper budgets: one plan (a follower policy's mean at the 50
 * SoC bin centres, observations as the world builds them: only SoC differs between rows) and one
 * leader environment step (one period = 24 world steps, the three followers' learned policies
 * frozen).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xss4m")
public class LeaderStepBenchmark {
  private LeaderEnv env;
  private LearnedPolicy policy;
  private float[] planObservations;
  private double[] planMeans;
  private float[] leaderAction;
  private EnvStep out;

  @Setup
  public void setUp() {
    Scenario scenario = ScenarioLoader.load("three-bus", Map.of());
    GameSettings g = GameSettings.of(scenario);
    WorldSettings ws = WorldSettings.of(scenario);
    World world = new World(scenario, ws, new WorldOptions("baseline", true, true, 7), Tariff.initial(scenario));
    for (int n = 0; n < 3; n++) {
      // Followers after one best response, so the policies are not the near-zero initial ones.
      var learner = LearnerFactory.follower(g, 7, n,
          FollowerProblem.of(world, n, world.belief(), new double[0], g, 0));
      learner.learn(2000);
      world.setPolicy(n, new LearnedPolicy(learner.policy(), LearnerFactory.followerName(n)));
    }
    for (int k = 0; k < 8; k++) {
      world.advance(); // one day, so the LMP beliefs are set
    }
    env = new LeaderEnv(world.copy(), g.codec(scenario), new LeaderState(0, 1, world.tariff()), g);
    env.reset(new float[env.observationSize()]);
    out = new EnvStep(1, env.observationSize());
    leaderAction = new float[env.actionSize()];
    var probe = LearnerFactory.follower(g, 8, 0,
        FollowerProblem.of(world, 0, world.belief(), new double[0], g, 0));
    probe.learn(2000);
    policy = new LearnedPolicy(probe.policy(), "probe");
    int bins = ws.socBins();
    Observation observation = new Observation(scenario.clock().stepsPerDay());
    planObservations = new float[bins * observation.size()];
    for (int j = 0; j < bins; j++) {
      observation.fill(planObservations, j * observation.size(), 6, (double) j / (bins - 1), 0.4, 42.0,
          55.0, 100.0, 0.01, 0.0, scenario.tariff(), 0.5);
    }
    planMeans = new double[bins];
  }

  @Benchmark
  public double[] planForward50Bins() {
    policy.mean(planObservations, planMeans.length, planMeans);
    return planMeans;
  }

  @Benchmark
  public EnvStep leaderEnvStep() {
    env.step(leaderAction, out);
    return out;
  }
}
