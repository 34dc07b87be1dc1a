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

/**
 * The engine-dependent work of one PPO update at hidden width h ([h, h] policy and value nets, 15
 * inputs): 100 minibatch steps of 128 (forward, backward, parameter upload). Loss and Adam are
 * shared Java code and excluded. Decides {@link PpoConfig#DEFAULT_AUTO_ENGINE_MAX_WIDTH}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xss4m")
public class CrossoverBenchmark {
  @Param({"java", "dl4j"})
  public String engine;

  @Param({"16", "32", "64", "128", "256", "512"})
  public int hidden;

  private PolicyNetworks nets;
  private float[] policyParams;
  private float[] valueParams;
  private float[] observations;
  private float[] meanGrad;
  private float[] valueGrad;
  private double[] policyGrad;
  private double[] valueGradParams;
  private float[] means;
  private float[] values;

  @Setup
  public void setUp() {
    MlpShape policy = MlpShape.of(15, new int[] {hidden, hidden}, 1);
    MlpShape value = MlpShape.of(15, new int[] {hidden, hidden}, 1);
    nets = engine.equals("java") ? new JavaEngine(policy, value) : new Dl4jEngine(policy, value, false);
    Rng rng = new Rng(3);
    policyParams = OrthogonalInit.parameters(policy, 0.01, rng);
    valueParams = OrthogonalInit.parameters(value, 1, rng);
    nets.setParams(policyParams, valueParams);
    observations = new float[128 * 15];
    meanGrad = new float[128];
    valueGrad = new float[128];
    for (int k = 0; k < observations.length; k++) {
      observations[k] = (float) rng.nextGaussian();
    }
    for (int k = 0; k < 128; k++) {
      meanGrad[k] = (float) rng.nextGaussian() / 128;
      valueGrad[k] = (float) rng.nextGaussian() / 128;
    }
    policyGrad = new double[policy.parameterCount()];
    valueGradParams = new double[value.parameterCount()];
    means = new float[128];
    values = new float[128];
  }

  @TearDown
  public void tearDown() {
    nets.close();
  }

  @Benchmark
  public double[] update100Minibatches() {
    for (int step = 0; step < 100; step++) {
      nets.forwardForTraining(observations, 128, means, values);
      nets.backward(meanGrad, valueGrad, policyGrad, valueGradParams);
      nets.setParams(policyParams, valueParams);
    }
    return policyGrad;
  }
}
