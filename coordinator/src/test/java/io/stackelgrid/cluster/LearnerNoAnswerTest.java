package io.stackelgrid.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.ConfigFactory;
import io.stackelgrid.checkpoint.CheckpointFile;
import io.stackelgrid.common.RunFailedException;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioDigest;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.seed.SeedDriver;
import io.stackelgrid.seed.SeedSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * run --cluster on a one-member cluster (every message serialised) where aggregator agg-b2's learner
 * never answers in period 1: the seed fails after the configured attempts with one line naming the
 * aggregator, the member, the seed, the period and the attempts, and the checkpoint of period 0 is
 * kept as it was written.
 */
class LearnerNoAnswerTest {
  static final List<String> FAST = List.of("learning.ppo.total-timesteps=48", "learning.ppo.n-steps=48",
      "learning.ppo.batch-size=24", "learning.follower.learn-every-step=false", "learning.inner-loop.max-iterations=2");
  static final Duration ATTEMPT = Duration.ofSeconds(2);
  static final CountDownLatch never = new CountDownLatch(1);
  static final AtomicBoolean hung = new AtomicBoolean();
  static final AtomicLong hungAtNanos = new AtomicLong();
  /** The checkpoint file's bytes when the learner stopped answering (written after period 0). */
  static final AtomicReference<byte[]> checkpointThen = new AtomicReference<>();
  static volatile Path checkpoint;
  static ClusterRun run;

  @BeforeAll
  static void oneMember() {
    run = ClusterRun.start(ClusterConfig.loopback(0, List.of(ClusterConfig.ROLE_COORDINATOR,
        ClusterConfig.ROLE_WORKER), ConfigFactory.parseString("akka.actor.serialize-messages = on\n"
        + "stackelgrid.node.learner-attempt-timeout = " + ATTEMPT.toSeconds() + "s\n"
        + "stackelgrid.node.learner-attempts = 2\n")), "test", LearnerNoAnswerTest::hangAggregatorB2InPeriod1);
    Cluster cluster = Cluster.get(run.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    ActorTestKit probes = ActorTestKit.create(run.system());
    TestProbe<Object> waiting = probes.createTestProbe();
    waiting.awaitAssert(Duration.ofSeconds(60), Duration.ofMillis(50), () -> {
      assertEquals(MemberStatus.up(), cluster.selfMember().status());
      return null;
    });
  }

  @AfterAll
  static void stop() {
    never.countDown();
    run.system().terminate();
    run.system().getWhenTerminated().toCompletableFuture().join();
  }

  /** Aggregator agg-b2's first training of period 1 never ends (until the test is over). */
  private static void hangAggregatorB2InPeriod1(ResidentLearner.Train t) {
    if (t.period() == 1 && t.problem() instanceof FollowerProblem f && f.aggregatorId().equals("agg-b2")
        && hung.compareAndSet(false, true)) {
      try {
        checkpointThen.set(Files.readAllBytes(checkpoint));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      hungAtNanos.set(System.nanoTime());
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the test is over");
    }
  }

  @Test
  // Re-sent without end (as before learner-attempts), the seed would wait for its 6 h period timeout.
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aLearnerThatNeverAnswersEndsTheSeedNamingItAndKeepsTheLastCheckpoint(@TempDir Path tmp) throws Exception {
    Scenario scenario = ScenarioLoader.load("three-bus", ScenarioLoader.parseOverrides(FAST));
    SeedSpec spec = new SeedSpec(scenario, 0, 4, 0, tmp.resolve("seed-0"), false);
    checkpoint = spec.dir().resolve(CheckpointFile.NAME);
    var placement = run.placement(ScenarioDigest.of(scenario), "three-bus", FAST, 0, 1, SeedDriver.PERIOD_TIMEOUT);
    RunFailedException e = assertThrows(RunFailedException.class, () -> {
      SeedDriver.Playing playing = SeedDriver.open(run.system(), "seed-0-", spec, placement, cause -> {}, null);
      while (!playing.done()) {
        playing.playPeriod();
      }
      playing.finish();
    });
    long waitedNanos = System.nanoTime() - hungAtNanos.get();
    String member = Cluster.get(run.system()).selfMember().address().toString();
    String line = e.getMessage();
    assertEquals(1, line.lines().count(), line);
    assertEquals("aggregator agg-b2 (follower-1) on " + member + " did not answer (seed 0, period 1) in 2 attempts "
        + "of 2 s each (stackelgrid.node.learner-attempts, learner-attempt-timeout) (results so far in " + spec.dir()
        + ")", line);
    // Two attempts of 2 s, not the period's 6 h timeout.
    assertTrue(waitedNanos < Duration.ofSeconds(30).toNanos(), "gave up after " + waitedNanos / 1e9 + " s");
    assertTrue(waitedNanos >= ATTEMPT.multipliedBy(2).toNanos(), "waited for both attempts: " + waitedNanos / 1e9);
    // The checkpoint of period 0 is kept, byte for byte, and still restores that period.
    assertArrayEquals(checkpointThen.get(), Files.readAllBytes(checkpoint), "the checkpoint is as it was written");
    CheckpointFile.Contents restored = CheckpointFile.read(checkpoint, spec.fingerprint());
    assertEquals(scenario.clock().stepsPerPeriod(), restored.game().stepsDone(), "period 0 played, no more");
  }
}
