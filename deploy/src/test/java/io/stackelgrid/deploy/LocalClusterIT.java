package io.stackelgrid.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-process, part of {@code mvn -B verify} ({@code -Dstackelgrid.multiprocess=false} turns it off):
 * {@code local-cluster.sh 3}, a sweep of 6 short seeds, one member frozen (SIGSTOP: unreachable, not
 * leaving) while it holds a seed and then SIGKILLed; the sweep says so and re-queues its seed, shows
 * its progress, writes sweep.json, and the results are byte-identical to a single-JVM run; {@code stop}
 * ends the rest. Likewise a {@code run --cluster} whose worker is frozen holding a learner's request
 * and then SIGKILLed: the request is re-sent and the files are the single-JVM run's.
 */
class LocalClusterIT {
  private static final Path APP = Path.of(System.getProperty("stackelgrid.app", "target/stackelgrid"));
  private static final List<String> FAST = List.of("--days", "7", "--set", "learning.ppo.total-timesteps=48",
      "--set", "learning.ppo.n-steps=48", "--set", "learning.ppo.batch-size=24",
      "--set", "learning.follower.learn-every-step=false", "--set", "learning.inner-loop.max-iterations=2");

  @Test
  void aSweepSurvivesAKilledMemberWithTheSingleJvmFiles(@TempDir Path tmp) throws Exception {
    assumeTrue(!"false".equals(System.getProperty("stackelgrid.multiprocess")), "-Dstackelgrid.multiprocess=false");
    Map<String, String> env = Map.of("STACKELGRID_APP", APP.toAbsolutePath().toString(),
        "STACKELGRID_CLUSTER_DIR", tmp.resolve("lc").toString(), "STACKELGRID_BASE_PORT", String.valueOf(freeBase()));
    try {
      assertEquals(0, exec(env, tmp.resolve("start.log"), "./local-cluster.sh", "3").waitFor());
      assertEquals(0, exec(env, tmp.resolve("single.log"), cli("run", "--seeds", "6", "--out",
          tmp.resolve("single").toString())).waitFor(), "single-JVM run");
      Path out = tmp.resolve("sweep");
      Process sweep = exec(env, tmp.resolve("sweep.log"), cli("sweep", "--cluster",
          tmp.resolve("lc/conf/coordinator.conf").toString(), "--seeds", "6", "--out", out.toString()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
      // Each of the 3 workers holds one seed at a time: once 3 seeds have a checkpoint, all 3 are busy.
      while (checkpoints(out) < 3 && sweep.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20); // polling a file; the condition, not the sleep, synchronises
      }
      assertTrue(checkpoints(out) >= 3, "every worker plays a seed: " + Files.readString(tmp.resolve("sweep.log")));
      long pid = Long.parseLong(Files.readString(tmp.resolve("lc/pids/node-2.pid")).trim());
      freezeThenKill(pid);
      assertTrue(sweep.waitFor(300, TimeUnit.SECONDS), "sweep finished");
      String log = Files.readString(tmp.resolve("sweep.log"));
      assertEquals(0, sweep.exitValue(), log);
      // What the user saw: progress, the lost worker with the seed it re-queued, the count at the end.
      assertTrue(log.contains("sweep: periods: ") && log.contains(" seeds done"), log);
      assertTrue(log.lines().anyMatch(l -> l.startsWith("sweep: worker ") && l.contains(":" + (base(env) + 1) + " left "
          + "the cluster (") && l.contains("1 seed(s) re-queued (seed ")), log);
      java.util.regex.Matcher requeued = java.util.regex.Pattern.compile("worker\\(s\\), (\\d+) re-queued").matcher(log);
      assertTrue(requeued.find() && Integer.parseInt(requeued.group(1)) >= 1, log);
      assertTrue(Files.exists(out.resolve("sweep.json")), "the cluster sweep writes sweep.json");
      for (int s = 0; s < 6; s++) {
        for (String f : List.of("steps.csv", "periods.csv")) {
          Path rel = Path.of("seed-" + s, f);
          assertArrayEquals(Files.readAllBytes(tmp.resolve("single").resolve(rel)), Files.readAllBytes(out.resolve(rel)),
              rel.toString());
        }
      }
      assertArrayEquals(Files.readAllBytes(tmp.resolve("single/summary.json")),
          Files.readAllBytes(out.resolve("summary.json")));
    } finally {
      exec(env, tmp.resolve("stop.log"), "./local-cluster.sh", "stop").waitFor(120, TimeUnit.SECONDS);
    }
  }

  /**
   * {@code run --cluster} over {@code local-cluster.sh 2} with followers learning every step (a
   * steady stream of best-response requests), the worker of bus 1 SIGKILLed after the first period:
   * the run ends with the single-JVM files (the request it held, if any, re-sent to the other).
   */
  @Test
  void aRunWithRemoteLearnersSurvivesAKilledWorkerWithTheSingleJvmFiles(@TempDir Path tmp) throws Exception {
    assumeTrue(!"false".equals(System.getProperty("stackelgrid.multiprocess")), "-Dstackelgrid.multiprocess=false");
    Map<String, String> env = Map.of("STACKELGRID_APP", APP.toAbsolutePath().toString(),
        "STACKELGRID_CLUSTER_DIR", tmp.resolve("lc").toString(), "STACKELGRID_BASE_PORT", String.valueOf(freeBase()));
    String[] everyStep = {"--set", "learning.follower.learn-every-step=true"};
    try {
      assertEquals(0, exec(env, tmp.resolve("start.log"), "./local-cluster.sh", "2").waitFor());
      assertEquals(0, exec(env, tmp.resolve("single.log"), cli(concat(new String[] {"run", "--seed", "0", "--out",
          tmp.resolve("single").toString()}, everyStep))).waitFor(), "single-JVM run");
      Path out = tmp.resolve("cluster");
      Process run = exec(env, tmp.resolve("cluster.log"), cli(concat(new String[] {"run", "--seed", "0", "--cluster",
          tmp.resolve("lc/conf/coordinator.conf").toString(), "--out", out.toString()}, everyStep)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
      while (!hasCheckpoint(out) && run.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20); // polling a file; the condition, not the sleep, synchronises
      }
      assertTrue(hasCheckpoint(out), "a first period was played: " + Files.readString(tmp.resolve("cluster.log")));
      // Workers in address order: node-2 (base port + 1) holds the learner of bus 1. Frozen, it holds
      // the next request for bus 1 (followers learn every step) until it is found unreachable.
      long pid = Long.parseLong(Files.readString(tmp.resolve("lc/pids/node-2.pid")).trim());
      freezeThenKill(pid);
      assertTrue(run.waitFor(300, TimeUnit.SECONDS), "run finished");
      String log = Files.readString(tmp.resolve("cluster.log"));
      assertEquals(0, run.exitValue(), log);
      for (String f : List.of("seed-0/steps.csv", "seed-0/periods.csv", "summary.json")) {
        assertArrayEquals(Files.readAllBytes(tmp.resolve("single").resolve(f)), Files.readAllBytes(out.resolve(f)), f);
      }
      long resent = log.lines().filter(l -> l.contains(" re-sent")).count();
      System.out.println("run --cluster with a killed worker: requests re-sent: " + resent);
      assertTrue(resent >= 1, "the frozen worker's request was re-sent: " + log);
    } finally {
      exec(env, tmp.resolve("stop.log"), "./local-cluster.sh", "stop").waitFor(120, TimeUnit.SECONDS);
    }
  }

  private static String[] concat(String[] a, String[] b) {
    List<String> c = new ArrayList<>(List.of(a));
    c.addAll(List.of(b));
    return c.toArray(String[]::new);
  }

  /**
   * SIGSTOP, so the member stops answering while it holds its work (unreachable, not leaving), then,
   * once the others must have asked it for something, SIGKILL.
   */
  private static void freezeThenKill(long pid) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor());
    Thread.sleep(3000); // a fixed wait only to let requests pile up; no result depends on its length
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }

  private static int base(Map<String, String> env) {
    return Integer.parseInt(env.get("STACKELGRID_BASE_PORT"));
  }

  private static long checkpoints(Path out) throws IOException {
    if (!Files.isDirectory(out)) {
      return 0;
    }
    try (var seeds = Files.list(out)) {
      return seeds.filter(d -> Files.exists(d.resolve("checkpoint"))).count();
    }
  }

  private static boolean hasCheckpoint(Path out) throws IOException {
    if (!Files.isDirectory(out)) {
      return false;
    }
    try (var seeds = Files.list(out)) {
      return seeds.anyMatch(d -> Files.exists(d.resolve("checkpoint")));
    }
  }

  private static String[] cli(String... args) {
    List<String> c = new ArrayList<>(List.of(APP.resolve("bin/stackelgrid").toString()));
    c.addAll(List.of(args));
    if (!args[0].equals("stop")) {
      c.addAll(FAST);
    }
    return c.toArray(String[]::new);
  }

  private static Process exec(Map<String, String> env, Path log, String... command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  /** A base port with its two neighbours free just now. */
  private static int freeBase() throws IOException {
    for (int tries = 0; tries < 50; tries++) {
      int base;
      try (ServerSocket s = new ServerSocket(0)) {
        base = s.getLocalPort();
      }
      if (base < 65000 && free(base + 1) && free(base + 2)) {
        return base;
      }
    }
    throw new IOException("no three consecutive free ports");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
