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
 * One {@code learn(2000)} (2 rollouts of 1200, 10 epochs, minibatch 128, [18, 36] nets, 15 inputs,
 * 1 action) per engine, warm-started learner as in Algorithm 1. {@link LearnSplit} prints the
 * rollout/update split of the same call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 7)
@Fork(value = 1, jvmArgsAppend = "-Xss4m")
public class LearnBenchmark {
  @Param({"java", "dl4j"})
  public String engine;

  @Param({"1", "8"})
  public int copies;

  private PpoLearner learner;

  @Setup
  public void setUp() {
    learner = new PpoLearner(PpoConfig.defaults().with("engine", engine).with("seed", 1),
        new CheapVectorEnv(copies));
  }

  @TearDown
  public void tearDown() {
    learner.close();
  }

  @Benchmark
  public LearnStats learn2000() {
    return learner.learn(2000);
  }
}
