package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.stackelgrid.it.CliProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster members fail fast and clearly (issue 13), as a user sees them: each case runs the CLI in a
 * process of its own and reads everything it prints. A bad or busy port printed a 33-97 line stack
 * trace, a seed port of 70000 looped printing traces, unreachable seeds made node, sweep and run
 * --cluster hang forever, and a node file without its section, with a misspelt role or no seeds
 * started and did nothing. Now each is one line with exit code 2; and a sweep that succeeds ends
 * without the WARN lines of connections closing as its member leaves.
 */
class ClusterFailFastTest {
  @TempDir
  Path tmp;

  /** The CLI in its own JVM; stdout and stderr together (Akka logs to stderr). */
  private Result cli(String... args) throws IOException, InterruptedException {
    return CliProcess.run(tmp, List.of(), args);
  }

  private Path file(String name, String text) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  /** A port nobody listens on (taken from the system, then released): unique to this process. */
  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Exit 2 and, apart from node's own status line, exactly one line: the error naming the culprits. */
  private static void assertOneLineError(Result r, String... culprits) {
    List<String> lines = r.output().lines().filter(l -> !l.startsWith("node: akka://")).toList();
    assertEquals(2, r.code(), r.output());
    assertEquals(1, lines.size(), "one line: " + r.output());
    assertTrue(lines.get(0).startsWith("stackelgrid: error: "), r.output());
    for (String c : culprits) {
      assertTrue(lines.get(0).contains(c), "'" + lines.get(0) + "' should name " + c);
    }
  }

  private static String node(int port, String roles, String seeds, String more) {
    return "stackelgrid.node {\n  port = " + port + "\n  roles = [" + roles + "]\n  seed-nodes = [" + seeds + "]\n"
        + more + "}\n";
  }

  @Test
  void badNodeFilesAreOneLineBeforeAnythingStarts() throws Exception {
    int port = freePort();
    String self = "\"127.0.0.1:" + port + "\"";
    assertOneLineError(cli("node", "--config", file("role.conf", node(port, "wroker", self, "")).toString()),
        "role.conf:3:", "stackelgrid.node.roles", "unknown role 'wroker'", "worker");
    assertOneLineError(cli("node", "--config", file("none.conf", "akka.loglevel = INFO\n").toString()),
        "none.conf", "no stackelgrid.node section");
    assertOneLineError(cli("node", "--config", file("empty.conf", node(port, "worker", "", "")).toString()),
        "empty.conf:4:", "stackelgrid.node.seed-nodes", "is empty");
    assertOneLineError(cli("node", "--config", file("seed.conf", node(port, "worker", "\"127.0.0.1:70000\"", ""))
        .toString()), "seed.conf:4:", "127.0.0.1:70000");
    assertOneLineError(cli("node", "--config", file("port.conf", node(70000, "worker", self, "")).toString()),
        "port.conf:2:", "stackelgrid.node.port", "70000");
    assertOneLineError(cli("node", "--config", file("key.conf", node(port, "worker", self, "  learner-thread = 2\n"))
        .toString()), "key.conf:5:", "stackelgrid.node.learner-thread", "stackelgrid.node.learner-threads");
    assertOneLineError(cli("sweep", "--cluster", file("akka.conf", node(0, "coordinator", self, "")
        + "akka.cluster.split-brain-resolver.stable-aftr = 3s\n").toString(), "--out", tmp.resolve("bad").toString()),
        "akka.conf:6:", "stable-aftr", "akka.cluster.split-brain-resolver.stable-after");
    assertFalse(Files.exists(tmp.resolve("bad")), "a bad node file is refused before the folder is made");
  }

  @Test
  void aBusyOrForeignAddressIsOneLine() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = busy.getLocalPort();
      Path f = file("busy.conf", node(port, "worker", "\"127.0.0.1:" + port + "\"", ""));
      assertOneLineError(cli("node", "--config", f.toString()), "busy.conf", "127.0.0.1:" + port, "in use");
    }
    // 192.0.2.0/24 is TEST-NET-1: never an address of this machine.
    Path foreign = file("foreign.conf", node(freePort(), "worker", "\"192.0.2.1:25520\"", "  host = \"192.0.2.1\"\n"));
    assertOneLineError(cli("node", "--config", foreign.toString()), "foreign.conf", "192.0.2.1",
        "not an address of this machine");
  }

  @Test
  void unreachableSeedNodesEndNodeSweepAndRunClusterAfterTheJoinTimeout() throws Exception {
    String nobody = "\"127.0.0.1:" + freePort() + "\"";
    Path worker = file("w.conf", node(freePort(), "worker", nobody, "  join-timeout = 4s\n"));
    assertOneLineError(cli("node", "--config", worker.toString()), "w.conf", nobody.replace("\"", ""),
        "within 4 s", "stackelgrid.node.join-timeout");
    Path coordinator = file("c.conf", node(0, "coordinator", nobody, "  join-timeout = 4s\n"));
    assertOneLineError(cli("sweep", "--cluster", coordinator.toString(), "--out", tmp.resolve("sweep").toString()),
        "c.conf", "stackelgrid.node.join-timeout");
    assertOneLineError(cli("run", "--cluster", coordinator.toString(), "--out", tmp.resolve("run").toString()),
        "c.conf", "stackelgrid.node.join-timeout");
    assertFalse(Files.exists(tmp.resolve("run/seed-0")), "no seed started");
  }

  @Test
  void aSuccessfulSweepEndsWithoutWarnings() throws Exception {
    // A worker in a process of its own and the sweep's member: as the sweep's member leaves, Akka
    // warned of the connection it aborts (StreamTcpException).
    int port = freePort();
    String seed = "\"127.0.0.1:" + port + "\"";
    Path workerFile = file("worker.conf", node(port, "worker", seed, ""));
    Path workerLog = tmp.resolve("worker.log");
    Process w = CliProcess.start(List.of(), List.of("node", "--config", workerFile.toString()), workerLog);
    try {
      List<String> sweep = new ArrayList<>(List.of("sweep", "--cluster",
          file("c.conf", node(0, "coordinator", seed, "")).toString(), "--seeds", "1", "--days", "3", "--out",
          tmp.resolve("sweep").toString()));
      for (String s : RunDeterminismTest.FAST_SETS) {
        sweep.addAll(List.of("--set", s));
      }
      Result r = cli(sweep.toArray(String[]::new));
      assertEquals(0, r.code(), r.output() + "\n--- worker:\n" + Files.readString(workerLog));
      assertTrue(r.output().contains("sweep: 1 job(s)"), r.output());
      assertFalse(r.output().contains("StreamTcpException"), r.output());
      assertFalse(r.output().contains(" WARN ") && r.output().lines().filter(l -> l.contains(" WARN "))
          .anyMatch(l -> !l.contains("heartbeat")), "no warnings but a busy machine's: " + r.output());
    } finally {
      w.destroy();
      w.waitFor(60, TimeUnit.SECONDS);
    }
  }
}
