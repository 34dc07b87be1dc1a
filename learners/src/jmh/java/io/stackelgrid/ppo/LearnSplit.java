package io.stackelgrid.ppo;

import java.util.Arrays;

/**
 * Prints the median rollout and update wall time of {@code learn(2000)} per engine and copy count
 * (from {@link LearnStats}); the JMH {@link LearnBenchmark} gives the total.
 * Usage: {@code LearnSplit [repetitions]}.
 */
public final class LearnSplit {
  private LearnSplit() {}

  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    for (String engine : new String[] {"java", "dl4j"}) {
      for (int copies : new int[] {1, 8}) {
        try (PpoLearner learner = new PpoLearner(
            PpoConfig.defaults().with("engine", engine).with("seed", 1), new CheapVectorEnv(copies))) {
          for (int w = 0; w < 3; w++) {
            learner.learn(2000);
          }
          double[] rollout = new double[reps];
          double[] update = new double[reps];
          double[] total = new double[reps];
          for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            LearnStats s = learner.learn(2000);
            total[r] = (System.nanoTime() - t0) / 1e9;
            rollout[r] = s.rolloutNanos() / 1e9;
            update[r] = s.updateNanos() / 1e9;
          }
          System.out.printf("engine=%s copies=%d learn(2000) median total %.3f s, rollout %.3f s,"
              + " update %.3f s (min total %.3f s)%n", engine, copies, median(total),
              median(rollout), median(update), Arrays.stream(total).min().orElse(0));
        }
      }
    }
  }

  private static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
