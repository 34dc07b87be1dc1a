package io.stackelgrid.world;

import io.stackelgrid.household.ActionMap;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.FinitePopulation;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.meanfield.Gamma;
import io.stackelgrid.meanfield.MeanField;
import io.stackelgrid.meanfield.SocGrid;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import java.util.Arrays;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The speed targets: Γ for 3 buses × 50 bins with a given plan (≤ 10 µs per step) and a
 * finite-N step of 10^6 households under the rule policy (≥ 20 M household-steps/s on one core).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class HouseholdBenchmark {
  private Gamma gamma;
  private MeanField field;
  private double[] next;
  private double[] plan;
  private double[] flows;
  private FinitePopulation population;
  private ActionPlan[] rulePlans;
  private GroupFlows groupFlows;
  private int step;
  private Scenario million;

  @Setup
  public void setUp() {
    SocGrid grid = new SocGrid(50);
    gamma = new Gamma(grid, 7, 41, 1.0, 0.8, ActionMap.CLIP);
    field = MeanField.uniform(grid, 3, 41);
    next = new double[50];
    plan = new double[50];
    for (int j = 0; j < 50; j++) {
      plan[j] = 0.5 - j / 49.0;
    }
    flows = new double[Gamma.FLOWS];
    million = ScenarioLoader.load("three-bus", Map.of("households.population-scale", Double.toString(1e6 / 10800)));
    GroupLayout layout = new GroupLayout(million);
    population = new FinitePopulation(million, layout, 1, true, true);
    population.startDay(0);
    rulePlans = new ActionPlan[3];
    groupFlows = new GroupFlows(layout.groupCount());
  }

  /** One Γ step of all three cohorts (3 × 50 bins × 7 Gauss–Hermite nodes, action histogram on). */
  @Benchmark
  public void gammaThreeBuses(Blackhole bh) {
    for (int c = 0; c < 3; c++) {
      gamma.step(field.soc(c), next, field.action(c), plan, false, 0.3, true, 30, 5, flows);
      bh.consume(flows);
    }
    bh.consume(next);
  }

  /** One finite-N step of 10^6 households; the rule alternates charge, hold and discharge. */
  @Benchmark
  public void finiteStepMillionRule(Blackhole bh) {
    int h = step % 8;
    double u = h < 2 ? 1.0 : (h >= 6 ? -1.0 : 0.0);
    double[] means = new double[50];
    Arrays.fill(means, u);
    Arrays.fill(rulePlans, new ActionPlan(means, 0, false));
    population.act(StepTime.of(million.clock(), step++), rulePlans, groupFlows);
    bh.consume(groupFlows);
  }

  /** Drawing one day's ξ for 10^6 households (once per 8 steps). */
  @Benchmark
  public void finiteDayNoiseMillion() {
    population.startDay(step++);
  }
}
