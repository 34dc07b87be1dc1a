package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stackelgrid.cluster.ClusterConfig;
import io.stackelgrid.cluster.SweepCoordinator;
import io.stackelgrid.cluster.SweepCoordinator.AwaitSweep;
import io.stackelgrid.cluster.SweepCoordinator.SweepFinished;
import io.stackelgrid.cluster.SweepPlan;
import io.stackelgrid.cluster.SweepWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep over a real 3-member cluster on loopback (coordinator + 2 workers, one JVM): the files are
 * byte-identical to a single-JVM {@code run} of the same seeds, also when a worker leaves mid-sweep.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSweepTest {
  static final List<Long> SEEDS = List.of(0L, 1L, 2L);
  // Three periods (3 + 3 + 1 days): after C's first checkpoint most of its seed is still to play, so C
  // certainly holds a job when it is shut down.
  static final int DAYS = 7;
  static final Config TEST = ConfigFactory.parseString("akka.actor.serialize-messages = on");
  static final Duration GENEROUS = Duration.ofSeconds(120);

  @TempDir
  static Path tmp;
  static ActorTestKit coordinator;
  static ActorTestKit workerB;
  static ActorTestKit workerC;
  static ActorRef<SweepWorker.Command> workerOnB;

  @BeforeAll
  static void formClusterAndRunSingleJvm() {
    assertEquals(0, RunDeterminismTest.run(tmp.resolve("single"), DAYS, "--seeds", String.valueOf(SEEDS.size())));
    long t0 = System.nanoTime();
    coordinator = member(ClusterConfig.ROLE_COORDINATOR);
    workerB = member(ClusterConfig.ROLE_WORKER);
    workerC = member(ClusterConfig.ROLE_WORKER);
    LoopbackCluster.form(List.of(coordinator, workerB, workerC), GENEROUS);
    System.out.printf("cluster of 3 formed in %.2f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  static void shutDownOneAfterAnother() {
    for (ActorTestKit k : new ActorTestKit[] {workerC, workerB, coordinator}) {
      if (k != null) {
        try {
          k.shutdownTestKit();
        } catch (RuntimeException e) {
          // Already terminated (the worker stopped mid-sweep) or slow to stop: nothing to keep.
        }
      }
    }
  }

  @Test
  @Order(1)
  void sweepOverTwoWorkersGivesTheSingleJvmFiles() throws Exception {
    workerOnB = workerB.spawn(SweepWorker.create(), "sweep-worker");
    workerC.spawn(SweepWorker.create(), "sweep-worker");
    Path out = tmp.resolve("sweep");
    SweepPlan plan = plan(out);
    long t0 = System.nanoTime();
    ActorRef<SweepCoordinator.Command> sweep = coordinator.spawn(SweepCoordinator.create(plan.jobs(0)), "sweep-1");
    SweepFinished outcome = outcome(sweep);
    plan.writeSummaries(outcome.results());
    // The progress a sweep process shows: every period of every job reported (7 days: 3 periods), no loss.
    SweepCoordinator.SweepStatus status = status(sweep);
    assertEquals(List.of(3, 3, 3), status.periodsDoneByJob());
    assertEquals(List.of(0, 1, 2), status.doneJobIds());
    assertEquals(List.of(), status.events());
    assertTrue(Files.exists(out.resolve("sweep.json")), "a sweep of one point writes sweep.json too");
    System.out.printf("sweep of %d seeds on 2 workers: %.2f s, workers used %d%n", SEEDS.size(),
        (System.nanoTime() - t0) / 1e9,
        outcome.results().stream().map(r -> r.workerAddress()).distinct().count());
    assertEquals(0, outcome.requeued());
    assertSameFiles(out);
  }

  @Test
  @Order(2)
  void aWorkerLeavingMidSweepLosesNothingAndCountsNothingTwice() throws Exception {
    // Only C works at first, so C certainly holds a job when it goes.
    workerB.stop(workerOnB, GENEROUS);
    Path out = tmp.resolve("sweep-loss");
    SweepPlan plan = plan(out);
    ActorRef<SweepCoordinator.Command> sweep = coordinator.spawn(SweepCoordinator.create(plan.jobs(0)), "sweep-2");
    TestProbe<Object> probe = coordinator.createTestProbe();
    probe.awaitAssert(GENEROUS, Duration.ofMillis(10), () -> {
      assertTrue(SEEDS.stream().anyMatch(s -> Files.exists(out.resolve("seed-" + s).resolve("checkpoint"))),
          "a first period played on C");
      return null;
    });
    workerB.spawn(SweepWorker.create(), "sweep-worker-2");
    workerC.shutdownTestKit();
    SweepFinished outcome = outcome(sweep);
    plan.writeSummaries(outcome.results());
    assertTrue(outcome.requeued() >= 1, "C's job was re-queued");
    // The line a sweep process prints when a worker leaves: C's address and the seed it re-queued.
    SweepCoordinator.SweepStatus status = status(sweep);
    String c = akka.cluster.typed.Cluster.get(workerC.system()).selfMember().address().toString();
    assertTrue(status.events().stream().anyMatch(e -> e.startsWith("worker " + c + " left the cluster (")
        && e.contains("1 seed(s) re-queued (seed ")), status.events().toString());
    assertEquals(List.of(3, 3, 3), status.periodsDoneByJob(), "a re-queued job's periods are not counted twice");
    assertEquals(SEEDS.size(), outcome.results().size());
    assertEquals(SEEDS, outcome.results().stream().map(r -> r.seed()).toList(), "each seed exactly once");
    assertSameFiles(out);
  }

  /** The sweep's outcome, as a sweep process learns it: by asking its coordinator. */
  private static SweepFinished outcome(ActorRef<SweepCoordinator.Command> sweep) throws Exception {
    return AskPattern.<SweepCoordinator.Command, SweepFinished>ask(sweep, AwaitSweep::new, GENEROUS,
        coordinator.system().scheduler()).toCompletableFuture().get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
  }

  private static SweepCoordinator.SweepStatus status(ActorRef<SweepCoordinator.Command> sweep) {
    TestProbe<SweepCoordinator.SweepStatus> probe = coordinator.createTestProbe();
    sweep.tell(new SweepCoordinator.StatusQuery(probe.getRef()));
    return probe.receiveMessage(GENEROUS);
  }

  private static ActorTestKit member(String role) {
    return ActorTestKit.create(ClusterConfig.SYSTEM_NAME, ClusterConfig.loopback(0, List.of(role), TEST));
  }

  private static SweepPlan plan(Path out) {
    List<String> sets = RunDeterminismTest.FAST_SETS;
    return SweepPlan.of("three-bus", sets, SEEDS, DAYS, out);
  }

  private static void assertSameFiles(Path sweep) throws Exception {
    Path single = tmp.resolve("single");
    for (long s : SEEDS) {
      for (String f : List.of("steps.csv", "periods.csv")) {
        Path rel = Path.of("seed-" + s, f);
        assertArrayEquals(Files.readAllBytes(single.resolve(rel)), Files.readAllBytes(sweep.resolve(rel)),
            rel.toString());
      }
    }
    assertArrayEquals(Files.readAllBytes(single.resolve("summary.json")),
        Files.readAllBytes(sweep.resolve("summary.json")), "summary.json");
  }
}
