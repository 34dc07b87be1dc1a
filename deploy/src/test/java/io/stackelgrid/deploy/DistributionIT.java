package io.stackelgrid.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The built app folder runs on its own: bin/stackelgrid with lib/ and nothing from Maven. */
class DistributionIT {
  private static final Path APP = Path.of(System.getProperty("stackelgrid.app", "target/stackelgrid"));

  private record Run(int code, String out) {}

  private static Run launch(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(APP.resolve("bin/stackelgrid").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out");
    return new Run(p.exitValue(), out);
  }

  @Test
  void libHoldsEveryModuleAndTheLauncherIsExecutable() throws IOException {
    assertTrue(Files.isExecutable(APP.resolve("bin/stackelgrid")));
    try (Stream<Path> jars = Files.list(APP.resolve("lib"))) {
      List<String> names = jars.map(p -> p.getFileName().toString()).toList();
      for (String module : List.of("stackelgrid-proto", "stackelgrid-learners", "stackelgrid-node",
          "stackelgrid-coordinator", "ojalgo", "picocli", "config")) {
        assertTrue(names.stream().anyMatch(n -> n.startsWith(module)), "lib/ lacks " + module);
      }
      // Only this platform's natives: no nd4j-native-platform and friends (they pull every OS).
      assertTrue(names.stream().noneMatch(n -> n.matches("(nd4j-native|openblas|javacpp)-platform.*")),
          "no -platform natives");
      assertTrue(names.stream().noneMatch(n -> n.matches(".*-(windows|macosx|android|ios)-.*\\.jar")),
          "no other OS natives");
    }
  }

  @Test
  void clusterScriptsConfigTemplatesAndGuideAreInTheAppFolder() throws Exception {
    for (String script : List.of("deploy/local-cluster.sh", "deploy/tls/make-certs.sh")) {
      assertTrue(Files.isExecutable(APP.resolve(script)), script + " missing or not executable");
    }
    for (String f : List.of("deploy/conf/worker.conf", "deploy/conf/coordinator.conf", "deploy/conf/tls.conf",
        "deploy/systemd/stackelgrid-node.service", "deploy/MULTI-HOST.md")) {
      assertTrue(Files.isRegularFile(APP.resolve(f)), f + " missing");
    }
    // The copied script finds the app folder it sits in (no STACKELGRID_APP needed).
    Process p = new ProcessBuilder(APP.resolve("deploy/local-cluster.sh").toString(), "status")
        .redirectErrorStream(true).directory(Files.createTempDirectory("local-cluster").toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("app " + APP.toRealPath()), out);
  }

  @Test
  void dispatchRunsFromTheAppFolder() throws Exception {
    Run r = launch("dispatch", "--scenario", "three-bus", "--hour", "4", "--json");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("\"lmp\""), r.out());
  }

  @Test
  void badInputExitsTwoWithOneLine() throws Exception {
    Run r = launch("dispatch", "--case", "no-such.m");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.out().startsWith("stackelgrid: error: no-such.m"), r.out());
  }
}
