package io.stackelgrid.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.receptionist.Receptionist;
import io.stackelgrid.cluster.SweepCoordinator.AwaitSweep;
import io.stackelgrid.cluster.SweepCoordinator.SweepFinished;
import io.stackelgrid.cluster.SweepCoordinator.WorkRequest;
import io.stackelgrid.results.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep's coordinator and worker, each driven by a probe playing the other side, on a one-member
 * cluster with every message serialised.
 */
class SweepActorsTest {
  static final Duration WAIT = Duration.ofSeconds(60);
  static ActorTestKit kit;

  @BeforeAll
  static void start() {
    kit = SingleNodeCluster.start();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static SweepJob job(int id, long seed, String scenario) {
    return new SweepJob(id, seed, scenario, List.of("learning.ppo.n-steps=48"), 4, 0, Path.of("/tmp/sweep"));
  }

  @Test
  void theCoordinatorHandsOutOneJobPerRequestCollectsEachResultOnceAndTellsWhoWaits() throws Exception {
    TestProbe<SweepWorker.Command> worker = kit.createTestProbe();
    ActorRef<SweepCoordinator.Command> coordinator = kit.spawn(SweepCoordinator.create(
        List.of(job(7, 0, "three-bus"), job(7, 1, "three-bus"))));
    TestProbe<SweepFinished> waiting = kit.createTestProbe();
    coordinator.tell(new AwaitSweep(waiting.getRef()));
    kit.system().receptionist().tell(Receptionist.register(SweepWorker.KEY, worker.getRef()));
    SweepWorker.Offer offer = worker.expectMessageClass(SweepWorker.Offer.class, WAIT);
    assertEquals(coordinator, offer.coordinator());
    offer.coordinator().tell(new WorkRequest(worker.getRef(), null));
    SweepJob first = worker.expectMessageClass(SweepWorker.Work.class, WAIT).job();
    assertEquals(0, first.jobId(), "job ids are the jobs' indices");
    RunSummary.Seed figures = new RunSummary.Seed(0, 1, 2, 3, 4, 5);
    SeedResult r0 = SeedResult.done(first, figures, 1.5).playedBy("w");
    coordinator.tell(new WorkRequest(worker.getRef(), r0));
    SweepJob second = worker.expectMessageClass(SweepWorker.Work.class, WAIT).job();
    assertEquals(1, second.jobId());
    // The first result again (a re-run that raced): ignored, the job counts once.
    coordinator.tell(new WorkRequest(worker.getRef(), r0));
    SeedResult r1 = SeedResult.failed(second, "seed 1: boom").playedBy("w");
    coordinator.tell(new WorkRequest(worker.getRef(), r1));
    worker.fishForMessage(WAIT, m -> m == SweepWorker.NoMoreWork.INSTANCE
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    SweepFinished finished = waiting.receiveMessage(WAIT);
    assertEquals(List.of(r0, r1), finished.results());
    assertEquals(figures, finished.results().get(0).summaryOrNull());
    assertFalse(finished.results().get(1).ok());
  }

  @Test
  void theWorkerPullsWhenOfferedAndReturnsItsResultWithTheNextRequest() {
    TestProbe<SweepCoordinator.Command> coordinator = kit.createTestProbe();
    ActorRef<SweepWorker.Command> worker = kit.spawn(SweepWorker.create());
    worker.tell(new SweepWorker.Offer(coordinator.getRef()));
    WorkRequest ask = coordinator.expectMessageClass(WorkRequest.class, WAIT);
    assertNull(ask.doneOrNull());
    // A job whose scenario no worker can read: a failed result naming it, not a lost job.
    worker.tell(new SweepWorker.Work(job(3, 5, "no-such-scenario")));
    WorkRequest back = coordinator.expectMessageClass(WorkRequest.class, WAIT);
    SeedResult r = back.doneOrNull();
    assertEquals(3, r.jobId());
    assertEquals(5, r.seed());
    assertFalse(r.ok());
    assertTrue(r.errorOrNull().contains("no-such-scenario"), r.errorOrNull());
    assertFalse(r.workerAddress().isEmpty(), "the worker says where it ran");
    worker.tell(SweepWorker.NoMoreWork.INSTANCE);
    coordinator.expectNoMessage(Duration.ofMillis(200));
  }

  /** Tiny learning budgets: a period takes about a second. */
  private static final List<String> FAST = List.of("learning.ppo.total-timesteps=48", "learning.ppo.n-steps=48",
      "learning.ppo.batch-size=24", "learning.follower.learn-every-step=false", "learning.inner-loop.max-iterations=2");

  @Test
  void theWorkerReportsEachPeriodThenItsResult(@TempDir Path tmp) {
    TestProbe<SweepCoordinator.Command> coordinator = kit.createTestProbe();
    ActorRef<SweepWorker.Command> worker = kit.spawn(SweepWorker.create());
    worker.tell(new SweepWorker.Offer(coordinator.getRef()));
    coordinator.expectMessageClass(WorkRequest.class, WAIT);
    // 4 days: two periods (3 + 1 days).
    worker.tell(new SweepWorker.Work(new SweepJob(2, 1, "three-bus", FAST, 4, 0, tmp)));
    assertEquals(new SweepCoordinator.JobProgress(2, 1), coordinator.expectMessageClass(
        SweepCoordinator.JobProgress.class, WAIT));
    assertEquals(new SweepCoordinator.JobProgress(2, 2), coordinator.expectMessageClass(
        SweepCoordinator.JobProgress.class, WAIT));
    SeedResult r = coordinator.expectMessageClass(WorkRequest.class, WAIT).doneOrNull();
    assertTrue(r.ok(), r.errorOrNull());
    assertEquals(1, r.summaryOrNull().seed());
    assertTrue(Files.exists(tmp.resolve("seed-1/steps.csv")));
    // The job again (as if re-queued after its last period): it resumes with nothing left to play
    // and says so, since the report of its last period may have been lost with its first worker.
    worker.tell(new SweepWorker.Work(new SweepJob(2, 1, "three-bus", FAST, 4, 0, tmp)));
    assertEquals(new SweepCoordinator.JobProgress(2, 2), coordinator.expectMessageClass(
        SweepCoordinator.JobProgress.class, WAIT));
    assertTrue(coordinator.expectMessageClass(WorkRequest.class, WAIT).doneOrNull().ok());
    kit.stop(worker);
  }

  @Test
  void aStoppedWorkersSeedStopsAtThePeriodUnderWayWithoutResults(@TempDir Path tmp) {
    TestProbe<SweepCoordinator.Command> coordinator = kit.createTestProbe();
    ActorRef<SweepWorker.Command> worker = kit.spawn(SweepWorker.create());
    worker.tell(new SweepWorker.Offer(coordinator.getRef()));
    coordinator.expectMessageClass(WorkRequest.class, WAIT);
    // 10 days: four periods.
    worker.tell(new SweepWorker.Work(new SweepJob(0, 3, "three-bus", FAST, 10, 0, tmp)));
    coordinator.expectMessageClass(SweepCoordinator.JobProgress.class, WAIT);
    kit.stop(worker);
    // Left alone the seed would end within seconds: it does not, and nothing more is reported.
    coordinator.expectNoMessage(Duration.ofSeconds(8));
    assertTrue(Files.exists(tmp.resolve("seed-3/checkpoint")), "the checkpoint stays for a re-run");
    assertFalse(Files.exists(tmp.resolve("seed-3/steps.csv")), "no results");
  }
}
