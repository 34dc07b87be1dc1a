package io.stackelgrid.results;

import io.stackelgrid.actors.SeedRun;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wall-time section of a seed's summary.json: where the seed's time went, in seconds. */
public final class WallTimes {
  private WallTimes() {}

  /**
   * @param startNanos System.nanoTime() when the seed started
   * @param exploitSeconds time spent on the end-of-run exploitability estimates
   */
  public static Map<String, Object> of(GameRecords r, SeedRun run, long startNanos, double exploitSeconds) {
    long inner = 0;
    long leader = 0;
    long play = 0;
    for (var p : r.periods) {
      inner += p.info().innerNanos();
      leader += p.info().leaderNanos();
      play += p.info().playNanos();
    }
    long[] train = run.learners().trainNanos();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", round((System.nanoTime() - startNanos) / 1e9));
    m.put("innerLoop", round(inner / 1e9));
    m.put("leaderBestResponse", round(leader / 1e9));
    m.put("playSteps", round(play / 1e9));
    m.put("followerTrainingSummedOverLearners", round(train[0] / 1e9));
    m.put("leaderTraining", round(train[1] / 1e9));
    m.put("exploitabilityEstimates", round(exploitSeconds));
    // Time the coordinator waited on learner actors beyond their training: the actor shell's cost.
    m.put("actorMessagingOverhead", round(run.learners().messagingNanos() / 1e9));
    // Aggregator actors plan every real step: round trips including their forward passes.
    m.put("aggregatorPlanRoundTrips", round(run.aggregators().askNanos() / 1e9));
    m.put("aggregatorPlanRequests", run.aggregators().asks());
    return m;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }
}
