package io.stackelgrid.results;

import io.stackelgrid.actors.ActorBestResponses.TrainTimes;
import io.stackelgrid.actors.ActorSteps;
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
    TrainTimes train = run.learners().trainTimes();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", round((System.nanoTime() - startNanos) / 1e9));
    m.put("innerLoop", round(inner / 1e9));
    m.put("leaderBestResponse", round(leader / 1e9));
    m.put("playSteps", round(play / 1e9));
    m.put("followerTrainingSummedOverLearners", round(train.followerNanos() / 1e9));
    m.put("leaderTraining", round(train.leaderNanos() / 1e9));
    m.put("exploitabilityEstimates", round(exploitSeconds));
    // Time the coordinator waited on learner actors beyond their training: the actor shell's cost.
    m.put("actorMessagingOverhead", round(run.learners().messagingNanos() / 1e9));
    m.put("stepActors", stepActors(run.steps().stats()));
    return m;
  }

  /**
   * The learning world's real steps on its actors: per actor kind the messages it handled and the
   * seconds it spent in domain code; the steps' wall time as the coordinator saw it; and the share of
   * that wall time spent outside every actor's domain code (messaging, serialisation, waiting).
   */
  static Map<String, Object> stepActors(ActorSteps.Stats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("steps", s.steps());
    for (var e : s.byKind().entrySet()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("messages", e.getValue().messages());
      a.put("domainSeconds", round(e.getValue().domainNanos() / 1e9));
      m.put(e.getKey(), a);
    }
    m.put("stepRoundTripSeconds", round(s.stepNanos() / 1e9));
    m.put("outsideDomainShare", share(s.stepNanos(), s.domainNanos()));
    // The first step loads the actor path's classes; without it the share is the warm(er) one.
    m.put("firstStepSeconds", round(s.firstStepNanos() / 1e9));
    m.put("outsideDomainShareAfterFirstStep", share(s.stepNanos() - s.firstStepNanos(),
        s.domainNanos() - s.firstStepDomainNanos()));
    m.put("snapshots", s.snapshots());
    m.put("snapshotSeconds", round(s.snapshotNanos() / 1e9));
    return m;
  }

  private static double share(long wallNanos, long domainNanos) {
    return wallNanos <= 0 ? 0.0 : Math.round(1000.0 * Math.max(0, wallNanos - domainNanos) / wallNanos) / 1000.0;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }
}
