package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.Address;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stackelgrid.checkpoint.CheckpointFile;
import io.stackelgrid.checkpoint.RunFingerprint;
import io.stackelgrid.cli.RunCommand;
import io.stackelgrid.cluster.ClusterConfig;
import io.stackelgrid.cluster.LearnerHost;
import io.stackelgrid.proto.RemoteTrainFollower;
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
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --cluster} on a real 3-member cluster on loopback (the run's own member plus workers B
 * and C, one JVM, serialisation on): the followers' best responses train on B and C, and the files
 * are byte-identical to a single-JVM run, also when C dies holding a request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRunTest {
  static final Config TEST = ConfigFactory.parseString("akka.actor.serialize-messages = on");

  @TempDir
  static Path tmp;
  static ActorTestKit workerB;
  static ActorTestKit workerC;
  static final AtomicInteger servedByB = new AtomicInteger();
  static final AtomicInteger servedByC = new AtomicInteger();
  // Set: C's next request hangs (its member is then stopped while holding it).
  static final AtomicBoolean hangNextOnC = new AtomicBoolean();
  static final CountDownLatch cHangs = new CountDownLatch(1);
  static final CountDownLatch never = new CountDownLatch(1);
  static Path nodeFile;

  @BeforeAll
  static void singleJvmRunAndTwoWorkers() throws Exception {
    assertEquals(0, RunDeterminismTest.run(tmp.resolve("single"), "--seed", "0"));
    workerB = worker();
    workerC = worker();
    Address b = Cluster.get(workerB.system()).selfMember().address();
    Cluster.get(workerB.system()).manager().tell(Join.create(b));
    Cluster.get(workerC.system()).manager().tell(Join.create(b));
    workerB.spawn(LearnerHost.create(1, r -> servedByB.incrementAndGet()), "learner-host");
    workerC.spawn(LearnerHost.create(1, ClusterRunTest::onC), "learner-host");
    // Both hosts registered (as B sees it) before the run's member joins, so both get learners.
    TestProbe<Receptionist.Listing> listing = workerB.createTestProbe();
    listing.awaitAssert(Duration.ofSeconds(120), Duration.ofMillis(100), () -> {
      workerB.system().receptionist().tell(Receptionist.find(LearnerHost.KEY, listing.getRef()));
      assertEquals(2, listing.receiveMessage().getServiceInstances(LearnerHost.KEY).size());
      return null;
    });
    // The run's member: coordinator only, joining through B, serialisation on.
    nodeFile = tmp.resolve("coordinator.conf");
    Files.writeString(nodeFile, "stackelgrid.node { port = 0, roles = [coordinator], seed-nodes = [\"127.0.0.1:"
        + b.getPort().get() + "\"] }\nakka.actor.serialize-messages = on\n");
  }

  @AfterAll
  static void shutDownOneAfterAnother() {
    never.countDown();
    for (ActorTestKit k : new ActorTestKit[] {workerC, workerB}) {
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
    // The run's member hosts no learner: every best response was trained on B or C.
    assertTrue(servedByB.get() + servedByC.get() > 0, "workers trained best responses");
    System.out.printf("best responses trained on B: %d, on C: %d%n", servedByB.get(), servedByC.get());
    assertSameFiles(out);
  }

  @Test
  @Order(2)
  void aWorkerStoppedHoldingALearnerRequestChangesNothing() throws Exception {
    int before = servedByB.get();
    hangNextOnC.set(true);
    Path out = tmp.resolve("cluster-loss");
    CompletableFuture<Void> run = CompletableFuture.runAsync(() -> runOnCluster(out));
    assertTrue(cHangs.await(120, TimeUnit.SECONDS), "C received a request");
    workerC.shutdownTestKit();
    run.get(180, TimeUnit.SECONDS);
    assertTrue(servedByB.get() > before, "B took over");
    assertSameFiles(out);
  }

  private static void onC(RemoteTrainFollower r) {
    servedByC.incrementAndGet();
    if (hangNextOnC.compareAndSet(true, false)) {
      cHangs.countDown();
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("C stopped while training");
    }
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

  private static ActorTestKit worker() {
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
    List<String> overrides = new ArrayList<>();
    for (int i = 1; i < RunDeterminismTest.FAST.length; i += 2) {
      overrides.add(RunDeterminismTest.FAST[i]);
    }
    String fingerprint = RunFingerprint.of(ScenarioLoader.load("three-bus", ScenarioLoader.parseOverrides(overrides)),
        0, 4);
    CheckpointFile.Contents a = CheckpointFile.read(single.resolve("seed-0/checkpoint"), fingerprint);
    CheckpointFile.Contents b = CheckpointFile.read(cluster.resolve("seed-0/checkpoint"), fingerprint);
    assertEquals(a.learners(), b.learners(), "learner states (parameters, Adam moments, RNG, timesteps)");
    assertEquals(a.game().policies(), b.game().policies(), "policies installed and when");
    assertEquals(a.game().followerCalls(), b.game().followerCalls(), "follower best responses counted once");
  }
}
