package io.stackelgrid.ppo;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** One batched policy forward pass ([18, 36] net, 15 inputs) over 1, 50 or 10^6 observations. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Xmx4g"})
public class ForwardBenchmark {
  @Param({"java", "dl4j"})
  public String engine;

  @Param({"1", "50", "1000000"})
  public int count;

  private PolicyNetworks nets;
  private float[] observations;
  private float[] means;

  @Setup
  public void setUp() {
    MlpShape policy = MlpShape.of(15, new int[] {18, 36}, 1);
    MlpShape value = MlpShape.of(15, new int[] {18, 36}, 1);
    nets = engine.equals("java") ? new JavaEngine(policy, value) : new Dl4jEngine(policy, value, false);
    Rng rng = new Rng(2);
    nets.setParams(OrthogonalInit.parameters(policy, 0.01, rng),
        OrthogonalInit.parameters(value, 1, rng));
    observations = new float[count * 15];
    for (int k = 0; k < observations.length; k++) {
      observations[k] = (float) rng.nextGaussian();
    }
    means = new float[count];
  }

  @TearDown
  public void tearDown() {
    nets.close();
  }

  @Benchmark
  public float[] policyMean() {
    nets.policyMean(observations, count, means);
    return means;
  }
}
