package io.stackelgrid.grid;

import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import java.util.SplittableRandom;
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
 * Warm dispatch latency, re-solving with new loads every call (the targets: ≤ 50 µs on the
 * three-bus scenario, ≤ 5 ms on case118). Sample mode reports the median (p0.50).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DispatchBenchmark {
  @Param({"three-bus", "case14_ieee", "case118_ieee", "case118_ieee__api", "case300_ieee"})
  public String grid;

  private DcOpf opf;
  private double[][] loads;
  private double[][] capacities;
  private int next;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    int variants = 64;
    loads = new double[variants][];
    capacities = new double[variants][];
    if (grid.equals("three-bus")) {
      Scenario s = ScenarioLoader.load("three-bus");
      opf = new DcOpf(s.grid(), s.dispatch());
      for (int i = 0; i < variants; i++) {
        int h = i % s.clock().stepsPerDay();
        loads[i] = s.baselineBusLoad(h);
        for (int n = 0; n < loads[i].length; n++) {
          loads[i][n] *= 0.8 + 0.4 * random.nextDouble();
        }
        capacities[i] = s.grid().pMaxAt(h, null);
      }
    } else {
      Grid g = MatpowerCase.load(grid);
      opf = new DcOpf(g, DispatchSettings.defaults());
      for (int i = 0; i < variants; i++) {
        loads[i] = g.busLoads();
        for (int n = 0; n < loads[i].length; n++) {
          loads[i][n] *= 0.95 + 0.1 * random.nextDouble();
        }
      }
    }
  }

  @Benchmark
  public Dispatch solveWithNewLoads() {
    int i = next++ & 63;
    return opf.solve(i, loads[i], capacities[i]);
  }
}
