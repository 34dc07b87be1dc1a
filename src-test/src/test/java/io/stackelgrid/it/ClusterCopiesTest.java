package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.Address;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import io.stackelgrid.cli.Main;
import io.stackelgrid.cluster.ClusterConfig;
import io.stackelgrid.cluster.ResidentLearners;
import io.stackelgrid.cluster.RolloutCopyHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader's rollouts in K = 4 copies under {@code run --cluster} (MODEL.md §10): copies 1–3 collect
 * on the workers B and C (sharded, placed with the leader as one phase), two rollouts per best
 * response so a copy keeps its episodes from one rollout to the next, and the files are byte-identical
 * to a single JVM whose copies run on its own threads; also when C is stopped while collecting a
 * segment (the leader's learner collects that copy itself from then on, replaying the call's earlier
 * rollouts).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterCopiesTest {
  static final List<String> SETS = List.of("learning.ppo.total-timesteps=96", "learning.ppo.n-steps=48",
      "learning.ppo.batch-size=24", "learning.follower.learn-every-step=false", "learning.inner-loop.max-iterations=2",
      "learning.leader.env-copies=4");

  @TempDir
  static Path tmp;
  static ActorTestKit workerB;
  static ActorTestKit workerC;
  static final AtomicInteger segmentsOnB = new AtomicInteger();
  static final AtomicInteger segmentsOnC = new AtomicInteger();
  static final AtomicInteger laterRolloutsOnWorkers = new AtomicInteger();
  static final AtomicBoolean hangNextOnC = new AtomicBoolean();
  static final CountDownLatch cHangs = new CountDownLatch(1);
  static final CountDownLatch never = new CountDownLatch(1);
  static Path nodeFile;

  @BeforeAll
  static void singleJvmRunAndTwoWorkers() throws Exception {
    assertEquals(0, run(tmp.resolve("single"), List.of()));
    workerB = ClusterRunTest.worker();
    workerC = ClusterRunTest.worker();
    Address b = Cluster.get(workerB.system()).selfMember().address();
    for (ActorTestKit k : List.of(workerB, workerC)) {
      Cluster.get(k.system()).manager().tell(Join.create(b));
    }
    ResidentLearners.start(workerB.system(), r -> { }, c -> count(segmentsOnB, c));
    ResidentLearners.start(workerC.system(), r -> { }, ClusterCopiesTest::onC);
    ClusterRunTest.awaitUp(workerB, 2);
    nodeFile = ClusterRunTest.coordinatorNode(tmp.resolve("coordinator.conf"), b);
  }

  @AfterAll
  static void shutDown() {
    never.countDown();
    for (ActorTestKit k : new ActorTestKit[] {workerC, workerB}) {
      if (k != null) {
        try {
          k.shutdownTestKit();
        } catch (RuntimeException e) {
          // C already stopped mid-run, or slow to stop: nothing to keep.
        }
      }
    }
  }

  @Test
  @Order(1)
  void copiesOnWorkersGiveTheSingleJvmFiles() throws Exception {
    Path out = tmp.resolve("cluster");
    assertEquals(0, run(out, List.of("--cluster", nodeFile.toString())));
    System.out.printf("leader copy segments collected on B: %d, on C: %d (later rollouts of a call: %d)%n",
        segmentsOnB.get(), segmentsOnC.get(), laterRolloutsOnWorkers.get());
    assertTrue(segmentsOnB.get() > 0 && segmentsOnC.get() > 0, "both workers collected copies");
    assertTrue(laterRolloutsOnWorkers.get() > 0, "copies continued their episodes into a second rollout");
    assertSameFiles(out);
  }

  @Test
  @Order(2)
  void aWorkerStoppedWhileCollectingACopyChangesNothing() throws Exception {
    hangNextOnC.set(true);
    Path out = tmp.resolve("cluster-copy-loss");
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> run(out, List.of("--cluster",
        nodeFile.toString())));
    assertTrue(cHangs.await(120, TimeUnit.SECONDS), "C was collecting a copy");
    ActorTestKit.shutdown(workerC.system(), Duration.ofSeconds(20), false);
    assertEquals(0, run.get(300, TimeUnit.SECONDS));
    assertSameFiles(out);
  }

  private static void count(AtomicInteger n, RolloutCopyHost.Collect c) {
    n.incrementAndGet();
    if (c.rollout() > 0) {
      laterRolloutsOnWorkers.incrementAndGet();
    }
  }

  /** Counts a segment on C; the first one after hangNextOnC is set, on a second rollout, never finishes. */
  private static void onC(RolloutCopyHost.Collect c) {
    count(segmentsOnC, c);
    if (c.rollout() > 0 && hangNextOnC.compareAndSet(true, false)) {
      cHangs.countDown();
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("C stopped while collecting");
    }
  }

  private static int run(Path out, List<String> more) {
    List<String> args = new ArrayList<>(List.of("run", "--days", "4", "--out", out.toString(), "--seed", "0"));
    SETS.forEach(s -> args.addAll(List.of("--set", s)));
    args.addAll(more);
    StringWriter err = new StringWriter();
    int code = Main.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    if (code != 0) {
      System.err.println(err);
    }
    return code;
  }

  private static void assertSameFiles(Path cluster) throws Exception {
    Path single = tmp.resolve("single");
    for (String f : List.of("seed-0/steps.csv", "seed-0/periods.csv", "summary.json")) {
      assertArrayEquals(Files.readAllBytes(single.resolve(f)), Files.readAllBytes(cluster.resolve(f)), f);
    }
  }
}
