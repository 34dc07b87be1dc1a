package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stackelgrid.cluster.ClusterConfig;
import io.stackelgrid.cluster.SeedResult;
import io.stackelgrid.cluster.SweepCoordinator;
import io.stackelgrid.cluster.SweepCoordinator.AwaitSweep;
import io.stackelgrid.cluster.SweepCoordinator.SweepFinished;
import io.stackelgrid.cluster.SweepPlan;
import io.stackelgrid.cluster.SweepWait;
import io.stackelgrid.cluster.SweepWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep coordinator as a Cluster Singleton: two coordinator members start the same sweep, one
 * coordinator runs it (on the oldest member; both learn its outcome, naming that member, through
 * the singleton proxy), and every seed is played and counted once.
 */
class SweepSingletonTest {
  static final Config TEST = ConfigFactory.parseString("akka.actor.serialize-messages = on");
  static final Duration GENEROUS = Duration.ofSeconds(180);

  @Test
  void twoCoordinatorMembersRunOneSweepCoordinator(@TempDir Path tmp) throws Exception {
    List<ActorTestKit> started = new ArrayList<>();
    try {
      ActorTestKit a = member(ClusterConfig.ROLE_COORDINATOR, started);
      ActorTestKit b = member(ClusterConfig.ROLE_COORDINATOR, started);
      ActorTestKit w = member(ClusterConfig.ROLE_WORKER, started);
      LoopbackCluster.form(started, GENEROUS);
      w.spawn(SweepWorker.create(), "sweep-worker");
      List<String> sets = RunDeterminismTest.FAST_SETS;
      List<Long> seeds = List.of(0L, 1L);
      SweepPlan plan = SweepPlan.of("three-bus", sets, seeds, 4, tmp.resolve("sweep"));
      String name = SweepCoordinator.singletonName(plan.jobs(0));
      ActorRef<SweepCoordinator.Command> proxyA = SweepCoordinator.singleton(a.system(), name, plan.jobs(0));
      ActorRef<SweepCoordinator.Command> proxyB = SweepCoordinator.singleton(b.system(), name, plan.jobs(0));
      SweepFinished fromA = await(a, proxyA);
      SweepFinished fromB = await(b, proxyB);
      // Equal outcomes, coordinator address included: one coordinator answered both (two local
      // instances would each name their own member).
      assertEquals(fromA, fromB, "both members learn the one outcome");
      assertEquals(seeds, fromA.results().stream().map(SeedResult::seed).toList(), "each seed once");
      assertTrue(fromA.results().stream().allMatch(SeedResult::ok));
      assertEquals(Cluster.get(a.system()).selfMember().address().toString(), fromA.coordinatorAddress(),
          "the oldest coordinator member hosts the singleton");
    } finally {
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).shutdownTestKit();
        } catch (RuntimeException e) {
          // Slow to stop: nothing to keep.
        }
      }
    }
  }

  /**
   * The member running the singleton leaves mid-sweep (its seed unfinished): the coordinator
   * starts on the other coordinator member, which continues the seeds from their checkpoints,
   * answers the re-asked AwaitSweep, and the files equal a single-JVM run.
   */
  @Test
  void theSweepMovesToTheOtherCoordinatorWhenItsMemberLeaves(@TempDir Path tmp) throws Exception {
    List<ActorTestKit> started = new ArrayList<>();
    try {
      List<String> sets = RunDeterminismTest.FAST_SETS;
      List<Long> seeds = List.of(0L, 1L);
      assertEquals(0, RunDeterminismTest.run(tmp.resolve("single"), "--seeds", "2"));
      ActorTestKit a = member(ClusterConfig.ROLE_COORDINATOR, started);
      ActorTestKit b = member(ClusterConfig.ROLE_COORDINATOR, started);
      ActorTestKit w = member(ClusterConfig.ROLE_WORKER, started);
      LoopbackCluster.form(started, GENEROUS);
      ActorRef<SweepWorker.Command> firstWorker = w.spawn(SweepWorker.create(), "sweep-worker");
      Path out = tmp.resolve("sweep");
      SweepPlan plan = SweepPlan.of("three-bus", sets, seeds, 4, out);
      String name = SweepCoordinator.singletonName(plan.jobs(0));
      SweepCoordinator.singleton(a.system(), name, plan.jobs(0));
      ActorRef<SweepCoordinator.Command> proxyB = SweepCoordinator.singleton(b.system(), name, plan.jobs(0));
      CompletableFuture<SweepFinished> fromB = SweepWait.outcome(b.system(), proxyB, Duration.ofSeconds(5), s -> { })
          .toCompletableFuture();
      b.createTestProbe().awaitAssert(GENEROUS, Duration.ofMillis(20), () -> {
        assertTrue(Files.exists(out.resolve("seed-0/checkpoint")), "a first period played under A's coordinator");
        return null;
      });
      // The only worker stops (its seed stops at a period boundary, unreported): A's coordinator
      // cannot finish before its member leaves. A new worker then serves whoever coordinates.
      w.stop(firstWorker, GENEROUS);
      a.shutdownTestKit();
      w.spawn(SweepWorker.create(), "sweep-worker-2");
      SweepFinished outcome = fromB.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
      assertEquals(Cluster.get(b.system()).selfMember().address().toString(), outcome.coordinatorAddress(),
          "the coordinator moved to B");
      assertEquals(seeds, outcome.results().stream().map(SeedResult::seed).toList(), "each seed once");
      plan.writeSummaries(outcome.results());
      for (String f : List.of("seed-0/steps.csv", "seed-1/steps.csv", "seed-0/periods.csv", "seed-1/periods.csv",
          "summary.json")) {
        assertArrayEquals(Files.readAllBytes(tmp.resolve("single").resolve(f)), Files.readAllBytes(out.resolve(f)), f);
      }
    } finally {
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).shutdownTestKit();
        } catch (RuntimeException e) {
          // Already stopped (A) or slow to stop: nothing to keep.
        }
      }
    }
  }

  private static SweepFinished await(ActorTestKit k, ActorRef<SweepCoordinator.Command> proxy) throws Exception {
    return AskPattern.<SweepCoordinator.Command, SweepFinished>ask(proxy, AwaitSweep::new, GENEROUS,
            k.system().scheduler())
        .toCompletableFuture().get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
  }

  private static ActorTestKit member(String role, List<ActorTestKit> started) {
    ActorTestKit k = ActorTestKit.create(ClusterConfig.SYSTEM_NAME, ClusterConfig.loopback(0, List.of(role), TEST));
    started.add(k);
    return k;
  }
}
