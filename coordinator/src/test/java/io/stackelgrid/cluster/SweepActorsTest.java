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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    CompletableFuture<SweepCoordinator.Outcome> done = new CompletableFuture<>();
    ActorRef<SweepCoordinator.Command> coordinator = kit.spawn(SweepCoordinator.create(
        List.of(job(7, 0, "three-bus"), job(7, 1, "three-bus")), done));
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
    SweepCoordinator.Outcome outcome = done.get(60, TimeUnit.SECONDS);
    assertEquals(List.of(r0, r1), outcome.results());
    SweepFinished finished = waiting.receiveMessage(WAIT);
    assertEquals(outcome.results(), finished.results());
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
}
