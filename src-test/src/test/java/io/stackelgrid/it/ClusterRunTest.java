package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.Address;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stackelgrid.checkpoint.CheckpointFile;
import io.stackelgrid.checkpoint.RunFingerprint;
import io.stackelgrid.cli.RunCommand;
import io.stackelgrid.cluster.ClusterConfig;
import io.stackelgrid.cluster.ResidentLearner;
import io.stackelgrid.cluster.ResidentLearners;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.scenario.ScenarioLoader;
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
 * {@code run --cluster} on a real 4-member cluster on loopback (the run's own member plus workers B,
 * C and D, one JVM, serialisation on): the followers' and the leader's learners live on the workers
 * (sharded, placed by cost) and the files are byte-identical to a single-JVM run, also when C or D
 * leaves holding a follower's request and then when the worker holding the leader's request leaves
 * (their learners start again elsewhere from the run's last good states). B, the seed node, stays
 * until the last test: the run's member joins through it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRunTest {
  static final Config TEST = ConfigFactory.parseString("akka.actor.serialize-messages = on");

  @TempDir
  static Path tmp;
  static ActorTestKit workerB;
  static ActorTestKit workerC;
  static ActorTestKit workerD;
  static final AtomicInteger servedByB = new AtomicInteger();
  static final AtomicInteger servedByC = new AtomicInteger();
  static final AtomicInteger servedByD = new AtomicInteger();
  // Leader best responses received by any worker (the run's member hosts none).
  static final AtomicInteger leaderRequests = new AtomicInteger();
  // Set: the next follower request on C or D hangs (that member is then stopped while holding it).
  static final AtomicBoolean hangNextFollower = new AtomicBoolean();
  static final CountDownLatch followerHangs = new CountDownLatch(1);
  static volatile ActorTestKit followerHolder;
  // Set: the next leader request hangs on whichever worker gets it (that member is then stopped).
  static final AtomicBoolean hangNextLeader = new AtomicBoolean();
  static final CountDownLatch leaderHangs = new CountDownLatch(1);
  static volatile ActorTestKit leaderHolder;
  static final CountDownLatch never = new CountDownLatch(1);
  static Path nodeFile;

  @BeforeAll
  static void singleJvmRunAndTwoWorkers() throws Exception {
    assertEquals(0, RunDeterminismTest.run(tmp.resolve("single"), "--seed", "0"));
    workerB = worker();
    workerC = worker();
    workerD = worker();
    Address b = Cluster.get(workerB.system()).selfMember().address();
    for (ActorTestKit k : List.of(workerB, workerC, workerD)) {
      Cluster.get(k.system()).manager().tell(Join.create(b));
    }
    ResidentLearners.start(workerB.system(), r -> onWorker(workerB, servedByB, r));
    ResidentLearners.start(workerC.system(), r -> onWorker(workerC, servedByC, r));
    ResidentLearners.start(workerD.system(), r -> onWorker(workerD, servedByD, r));
    // All workers Up (as B sees them) before the run's member joins, so all get learners.
    awaitUp(workerB, 3);
    nodeFile = coordinatorNode(tmp.resolve("coordinator.conf"), b);
  }

  /** Waits until {@code seer} sees {@code members} members Up. */
  static void awaitUp(ActorTestKit seer, int members) {
    TestProbe<Object> up = seer.createTestProbe();
    up.awaitAssert(Duration.ofSeconds(120), Duration.ofMillis(100), () -> {
      long n = java.util.stream.StreamSupport.stream(Cluster.get(seer.system()).state().getMembers()
          .spliterator(), false).filter(m -> m.status() == akka.cluster.MemberStatus.up()).count();
      assertEquals(members, n);
      return null;
    });
  }

  /** The run's member's node file: coordinator only, joining through {@code seed}, serialisation on. */
  static Path coordinatorNode(Path file, Address seed) throws java.io.IOException {
    Files.writeString(file, "stackelgrid.node { port = 0, roles = [coordinator], seed-nodes = [\"127.0.0.1:"
        + seed.getPort().get() + "\"] }\nakka.actor.serialize-messages = on\n");
    return file;
  }

  @AfterAll
  static void shutDownOneAfterAnother() {
    never.countDown();
    for (ActorTestKit k : new ActorTestKit[] {workerD, workerC, workerB}) {
      if (k != null) {
        try {
          k.shutdownTestKit();
        } catch (RuntimeException e) {
          // Already terminated (C stopped mid-run) or slow to stop: nothing to keep.
        }
      }
    }
  }

  @Test
  @Order(1)
  void remoteLearnersGiveTheSingleJvmFiles() throws Exception {
    Path out = tmp.resolve("cluster");
    runOnCluster(out);
    // The run's member hosts no learner: every best response was trained on B, C or D.
    assertTrue(servedByB.get() + servedByC.get() + servedByD.get() > 0, "workers trained best responses");
    assertTrue(leaderRequests.get() > 0, "the leader's best responses went to a worker");
    System.out.printf("best responses trained on B: %d, on C: %d, on D: %d; of them the leader's: %d%n",
        servedByB.get(), servedByC.get(), servedByD.get(), leaderRequests.get());
    assertSameFiles(out);
  }

  @Test
  @Order(2)
  void aWorkerStoppedHoldingALearnerRequestChangesNothing() throws Exception {
    hangNextFollower.set(true);
    Path out = tmp.resolve("cluster-loss");
    CompletableFuture<Void> run = CompletableFuture.runAsync(() -> runOnCluster(out));
    assertTrue(followerHangs.await(120, TimeUnit.SECONDS), "C or D received a follower's request");
    ActorTestKit holder = followerHolder;
    int othersBefore = servedByB.get() + (holder == workerC ? servedByD.get() : servedByC.get());
    leave(holder);
    run.get(180, TimeUnit.SECONDS);
    assertTrue(servedByB.get() + (holder == workerC ? servedByD.get() : servedByC.get()) > othersBefore,
        "the others took over");
    System.out.printf("worker %s stopped holding a follower's request%n", holder == workerC ? "C" : "D");
    assertSameFiles(out);
  }

  @Test
  @Order(3)
  void theWorkerStoppedHoldingTheLeadersRequestChangesNothing() throws Exception {
    int leadersBefore = leaderRequests.get();
    hangNextLeader.set(true);
    Path out = tmp.resolve("cluster-leader-loss");
    CompletableFuture<Void> run = CompletableFuture.runAsync(() -> runOnCluster(out));
    assertTrue(leaderHangs.await(120, TimeUnit.SECONDS), "a worker received the leader's request");
    ActorTestKit holder = leaderHolder;
    String holderName = holder == workerB ? "B" : "D";
    leave(holder);
    run.get(180, TimeUnit.SECONDS);
    // The held request plus at least its re-send: the leader was trained elsewhere from the same state.
    assertTrue(leaderRequests.get() >= leadersBefore + 2, "the leader's request was re-sent");
    System.out.printf("worker %s stopped holding the leader's request; leader requests this run: %d%n", holderName,
        leaderRequests.get() - leadersBefore);
    assertSameFiles(out);
  }

  /**
   * Counts a request on {@code worker}; the first follower request on C or D after hangNextFollower is
   * set, and the first leader request after hangNextLeader is set, never finish.
   */
  private static void onWorker(ActorTestKit worker, AtomicInteger served, ResidentLearner.Train r) {
    served.incrementAndGet();
    if (r.problem() instanceof FollowerProblem && worker != workerB && hangNextFollower.compareAndSet(true, false)) {
      followerHolder = worker;
      followerHangs.countDown();
      hang("a follower's worker");
    }
    if (r.problem() instanceof LeaderProblem) {
      leaderRequests.incrementAndGet();
      if (hangNextLeader.compareAndSet(true, false)) {
        leaderHolder = worker;
        leaderHangs.countDown();
        hang("the leader's worker");
      }
    }
  }

  private static void hang(String who) {
    try {
      never.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException(who + " stopped while training");
  }

  private static void runOnCluster(Path out) {
    List<String> args = new ArrayList<>(List.of("--days", "4", "--out", out.toString(), "--seed", "0",
        "--cluster", nodeFile.toString()));
    args.addAll(List.of(RunDeterminismTest.FAST));
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = new picocli.CommandLine(new RunCommand());
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler((e, c, p) -> {
      err.write(e.toString());
      return 2;
    });
    assertEquals(0, cli.execute(args.toArray(String[]::new)), err.toString());
  }

  /**
   * Stops a worker whose training thread hangs: the member leaves the cluster at once, while its
   * system's termination waits for that thread (released when the tests end).
   */
  private static void leave(ActorTestKit worker) {
    ActorTestKit.shutdown(worker.system(), Duration.ofSeconds(20), false);
  }

  /** A worker member on loopback, in the test configuration. */
  static ActorTestKit worker() {
    return ActorTestKit.create(ClusterConfig.SYSTEM_NAME,
        ClusterConfig.loopback(0, List.of(ClusterConfig.ROLE_WORKER), TEST));
  }

  /**
   * Result files byte for byte; the checkpoints (they hold wall times) by their learner states and
   * installed-policy history, which must be equal value for value.
   */
  private static void assertSameFiles(Path cluster) throws Exception {
    Path single = tmp.resolve("single");
    for (String f : List.of("seed-0/steps.csv", "seed-0/periods.csv", "summary.json")) {
      assertArrayEquals(Files.readAllBytes(single.resolve(f)), Files.readAllBytes(cluster.resolve(f)), f);
    }
    List<String> overrides = RunDeterminismTest.FAST_SETS;
    String fingerprint = RunFingerprint.of(ScenarioLoader.load("three-bus", ScenarioLoader.parseOverrides(overrides)),
        0, 4);
    CheckpointFile.Contents a = CheckpointFile.read(single.resolve("seed-0/checkpoint"), fingerprint);
    CheckpointFile.Contents b = CheckpointFile.read(cluster.resolve("seed-0/checkpoint"), fingerprint);
    assertEquals(a.learners(), b.learners(), "learner states (parameters, Adam moments, RNG, timesteps)");
    assertEquals(a.game().policies(), b.game().policies(), "policies installed and when");
    assertEquals(a.game().followerCalls(), b.game().followerCalls(), "follower best responses counted once");
  }
}
