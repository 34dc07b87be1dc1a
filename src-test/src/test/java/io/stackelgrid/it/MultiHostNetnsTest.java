package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several hosts on one machine: three network namespaces (two workers, one coordinator), each with
 * its own address on a bridge in a fourth, form a cluster over Artery TLS with mutual
 * authentication (certificates by deploy/tls/make-certs.sh, deploy/conf/tls.conf included) and run
 * a sweep whose files equal a single-JVM run. Runs wherever namespaces can be made (root and
 * iproute2; it starts three JVMs), skips with the reason elsewhere, and is turned off with
 * {@code -Dstackelgrid.netns=false}. Namespaces are removed
 * even when the test fails.
 */
class MultiHostNetnsTest {
  static final String PASSWORD = "netns-test-password";
  static final String SUBNET = "10.231.77.";

  @TempDir
  Path tmp;

  private final String prefix = "sg" + ProcessHandle.current().pid();
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> members = new ArrayList<>();

  @Test
  void workersInOtherNamespacesRunASweepOverTls() throws Exception {
    assumeTrue(!"false".equals(System.getProperty("stackelgrid.netns")),
        "turned off with -Dstackelgrid.netns=false");
    try {
      Path tls = hostsWithCertificates();

      List<String> sets = RunDeterminismTest.FAST_SETS;
      assertEquals(0, RunDeterminismTest.run(tmp.resolve("single"), "--seeds", "2"));
      String seed = "\"" + SUBNET + "1:25520\"";
      members.add(start(1, "node", "--config", node(tls, 1, "worker", seed).toString()));
      members.add(start(2, "node", "--config", node(tls, 2, "worker", seed).toString()));
      List<String> sweep = new ArrayList<>(List.of("sweep", "--cluster", node(tls, 3, "coordinator", seed).toString(),
          "--seeds", "2", "--days", "4", "--out", tmp.resolve("sweep").toString()));
      for (String s : sets) {
        sweep.addAll(List.of("--set", s));
      }
      Process coordinator = start(3, sweep.toArray(String[]::new));
      members.add(coordinator);
      boolean ended = coordinator.waitFor(300, TimeUnit.SECONDS);
      String log = Files.readString(tmp.resolve("h3.log"));
      assertTrue(ended, "sweep did not end in 300 s: " + log + "\n--- worker 1:\n"
          + Files.readString(tmp.resolve("h1.log")) + "\n--- worker 2:\n" + Files.readString(tmp.resolve("h2.log")));
      assertEquals(0, coordinator.exitValue(), log);
      assertTrue(log.contains("on 2 worker(s)") || log.contains("on 1 worker(s)"), log);
      for (String f : List.of("seed-0/steps.csv", "seed-1/steps.csv", "seed-0/periods.csv", "summary.json")) {
        assertArrayEquals(Files.readAllBytes(tmp.resolve("single").resolve(f)),
            Files.readAllBytes(tmp.resolve("sweep").resolve(f)), f);
      }
      for (int i = 1; i <= 2; i++) {
        String l = Files.readString(tmp.resolve("h" + i + ".log"));
        assertTrue(l.contains("akka://stackelgrid@" + SUBNET + i + ":25520") && l.contains("node: Up"), l);
      }
    } finally {
      cleanUp();
    }
  }

  /**
   * The bridge and hosts h1..h3 in namespaces of their own (skipping the test where namespaces cannot
   * be made), and a TLS certificate for each host's address; returns the certificates' folder.
   */
  private Path hostsWithCertificates() throws Exception {
    String probe = sh("ip", "netns", "add", prefix + "-sw");
    assumeTrue(probe.isEmpty(), "network namespaces cannot be created here: " + probe);
    namespaces.add(prefix + "-sw");
    network();
    Path tls = tmp.resolve("tls");
    List<String> certs = new ArrayList<>(List.of(script("tls/make-certs.sh"), "-o", tls.toString(), "-p", PASSWORD));
    certs.addAll(List.of(SUBNET + 1, SUBNET + 2, SUBNET + 3));
    assertEquals("", sh(certs.toArray(String[]::new)).replaceAll("make-certs.sh: [^\n]*\n?", ""));
    return tls;
  }

  /**
   * case118-territory (99 aggregators, tiny budgets, the leader's rollouts in 4 copies) by
   * {@code run --cluster} with its learners and copies on two workers in namespaces of their own; one
   * worker is killed (SIGKILL) once the first period is done, so its learners and copies start again
   * on the other from the run's last good states. The files equal one JVM's.
   */
  @Test
  void aTerritoryOnTwoWorkersGivesOneJvmsFilesWhenOneIsKilled() throws Exception {
    assumeTrue(!"false".equals(System.getProperty("stackelgrid.netns")),
        "turned off with -Dstackelgrid.netns=false");
    try {
      Path tls = hostsWithCertificates();

      String[] territory = {"--scenario", "case118-territory", "--set", "learning.leader.env-copies=4"};
      assertEquals(0, RunDeterminismTest.run(tmp.resolve("single"), 6, territory));
      String seed = "\"" + SUBNET + "1:25520\"";
      members.add(start(1, "node", "--config", node(tls, 1, "worker", seed).toString()));
      Process victim = start(2, "node", "--config", node(tls, 2, "worker", seed).toString());
      members.add(victim);
      List<String> run = new ArrayList<>(List.of("run", "--cluster", node(tls, 3, "coordinator", seed).toString(),
          "--days", "6", "--seed", "0", "--out", tmp.resolve("cluster").toString()));
      run.addAll(List.of(territory));
      run.addAll(List.of(RunDeterminismTest.FAST));
      Process coordinator = start(3, run.toArray(String[]::new));
      members.add(coordinator);
      Path log = tmp.resolve("h3.log");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(400);
      while (!Files.readString(log).contains("(1/2)") && coordinator.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertTrue(Files.readString(log).contains("(1/2)") && coordinator.isAlive(),
          "the first period ended with the run going on: " + Files.readString(log));
      victim.destroyForcibly(); // SIGKILL: no leaving, no goodbye
      boolean ended = coordinator.waitFor(400, TimeUnit.SECONDS);
      String out = Files.readString(log);
      assertTrue(ended, "run did not end in 400 s after the kill: " + out + "\n--- worker 1:\n"
          + Files.readString(tmp.resolve("h1.log")));
      assertEquals(0, coordinator.exitValue(), out);
      System.out.println("coordinator after worker 2 was killed:\n" + out.lines()
          .filter(l -> l.contains("lost") || l.contains("re-sent") || l.contains("collected by the leader"))
          .collect(java.util.stream.Collectors.joining("\n")));
      for (String f : List.of("seed-0/steps.csv", "seed-0/periods.csv", "summary.json")) {
        assertArrayEquals(Files.readAllBytes(tmp.resolve("single").resolve(f)),
            Files.readAllBytes(tmp.resolve("cluster").resolve(f)), f);
      }
    } finally {
      cleanUp();
    }
  }

  /** A bridge in the switch namespace, and per host a namespace joined to it by a veth pair. */
  private void network() throws IOException, InterruptedException {
    String sw = prefix + "-sw";
    must("ip", "netns", "exec", sw, "ip", "link", "add", "br0", "type", "bridge");
    must("ip", "netns", "exec", sw, "ip", "link", "set", "br0", "up");
    for (int i = 1; i <= 3; i++) {
      String ns = prefix + "-h" + i;
      must("ip", "netns", "add", ns);
      namespaces.add(ns);
      String host = prefix + "v" + i;
      String port = prefix + "b" + i;
      must("ip", "link", "add", host, "type", "veth", "peer", "name", port);
      must("ip", "link", "set", host, "netns", ns);
      must("ip", "link", "set", port, "netns", sw);
      must("ip", "netns", "exec", sw, "ip", "link", "set", port, "master", "br0", "up");
      must("ip", "netns", "exec", ns, "ip", "addr", "add", SUBNET + i + "/24", "dev", host);
      must("ip", "netns", "exec", ns, "ip", "link", "set", host, "up");
      must("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
    }
  }

  /** Host i's node file: its address, the role, the seed node, and deploy/conf/tls.conf with its stores. */
  private Path node(Path tls, int i, String role, String seed) throws IOException {
    Path f = tmp.resolve("h" + i + ".conf");
    Files.writeString(f, "include file(\"" + script("conf/tls.conf") + "\")\n"
        + "akka.remote.artery.ssl.config-ssl-engine.key-store = \"" + tls.resolve(SUBNET + i + ".p12") + "\"\n"
        + "akka.remote.artery.ssl.config-ssl-engine.trust-store = \"" + tls.resolve("truststore.p12") + "\"\n"
        // The failure detector's settings are the product's: three "hosts" sharing two busy cores
        // are what stackelgrid-cluster.conf's heartbeat pause and first-answer wait are set for.
        + "stackelgrid.node { host = \"" + SUBNET + i + "\", port = 25520, roles = [" + role + "], seed-nodes = ["
        + seed + "] }\n");
    return f;
  }

  /** The CLI with {@code args} in host {@code host}'s namespace, output to hHOST.log. */
  private Process start(int host, String... args) throws IOException {
    List<String> cmd = CliProcess.command(List.of("ip", "netns", "exec", prefix + "-h" + host), List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("h" + host + ".log").toFile());
    pb.environment().putAll(Map.of("STACKELGRID_TLS_PASSWORD", PASSWORD, "OMP_NUM_THREADS", "1"));
    return pb.start();
  }

  private void cleanUp() {
    for (Process p : members) {
      p.destroy();
    }
    for (Process p : members) {
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // Deleting a namespace deletes the veth ends inside it (and so their peers).
    for (String ns : namespaces) {
      try {
        sh("ip", "netns", "del", ns);
      } catch (IOException | InterruptedException e) {
        // Best effort; the next lines name what is left.
      }
    }
    for (int i = 1; i <= 3; i++) {
      try {
        sh("ip", "link", "del", prefix + "v" + i);
      } catch (IOException | InterruptedException e) {
        // Already gone with its namespace.
      }
    }
  }

  private static String script(String name) {
    // Tests run in src-test/; the scripts and templates live in the deploy module.
    return Path.of("..", "deploy", name).toAbsolutePath().normalize().toString();
  }

  private static void must(String... cmd) throws IOException, InterruptedException {
    String err = sh(cmd);
    assertEquals("", err, String.join(" ", cmd));
  }

  /** Runs cmd; returns its output, empty when it succeeded silently (exit 0 and no output). */
  private static String sh(String... cmd) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      return "cannot run " + cmd[0] + ": " + e.getMessage();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timed out: " + String.join(" ", cmd);
    }
    return p.exitValue() == 0 ? out : "exit " + p.exitValue() + ": " + out;
  }
}
