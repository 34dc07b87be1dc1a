package io.stackelgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispatch command end to end: JSON shape, load flags, and one-line errors with exit code 2. */
class DispatchCommandTest {


  private static JsonNode json(String... args) throws Exception {
    CliResult r = CliResult.of(args);
    assertEquals(0, r.code(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  /** MODEL.md §2-3 by hand: no-storage household energy of each bus at step of day 0, in MWh. */
  private static double[] nightLoadMwh() {
    double s = (1000 * 30 + 500 * 60 + 300 * 100 + 9000 * 10) / 10800.0;
    double consumer = 0.557;
    double prosumer = 0.563;
    int[] prosumers = {1000, 500, 300};
    double[] out = new double[3];
    for (int n = 0; n < 3; n++) {
      out[n] = (3000 * consumer + prosumers[n] * prosumer) * s / 1000;
    }
    return out;
  }

  @Test
  void jsonHasEveryFieldAndTheClosedFormPrice() throws Exception {
    JsonNode root = json("dispatch", "--scenario", "three-bus", "--hour", "0", "--json");
    for (String key : List.of("lmp", "energy", "congestion", "generation", "flows", "cost", "shed", "spill")) {
      assertTrue(root.has(key), "missing " + key);
    }
    double[] load = nightLoadMwh();
    double total = load[0] + load[1] + load[2];
    for (String bus : List.of("b1", "b2", "b3")) {
      assertEquals((0.4 * total + 9) / 2, root.get("lmp").get(bus).asDouble(), 1e-6, bus);
      assertEquals(0.0, root.get("congestion").get(bus).asDouble(), 1e-6);
    }
    assertEquals(4, root.get("generation").size());
    assertEquals(3, root.get("flows").size());
  }

  @Test
  void loadReplacesABusAndLoadScaleMultipliesTheRest() throws Exception {
    JsonNode root = json("dispatch", "--hour", "0", "--load", "b3=10", "--load-scale", "2", "--json");
    double[] load = nightLoadMwh();
    double total = 2 * load[0] + 2 * load[1] + 10;
    assertEquals((0.4 * total + 9) / 2, root.get("lmp").get("b1").asDouble(), 1e-6);
  }

  @Test
  void caseFilesAreNamedByMatpowerIndex() throws Exception {
    JsonNode root = json("dispatch", "--case", "case14_ieee", "--json");
    assertEquals(14, root.get("lmp").size());
    assertTrue(root.get("lmp").has("14"));
    assertTrue(root.get("generation").has("1"));
    assertEquals(20, root.get("flows").size());
  }

  @Test
  void caseFilesTakeDispatchOverridesOnly() throws Exception {
    JsonNode ours = json("dispatch", "--case", "case30_ieee", "--json");
    JsonNode ojalgo = json("dispatch", "--case", "case30_ieee", "--set", "dispatch.solver=ojalgo", "--json");
    assertEquals(ours.get("cost").asDouble(), ojalgo.get("cost").asDouble(), 1e-6 * ours.get("cost").asDouble());
    assertError(CliResult.of("dispatch", "--case", "case30_ieee", "--set", "grid.base-load-scale=2"), "grid.base-load-scale");
  }

  @Test
  void tableNamesBusesGeneratorsAndLines() {
    CliResult r = CliResult.of("dispatch", "--scenario", "three-bus");
    assertEquals(0, r.code(), r.err());
    for (String name : List.of("b1", "b2", "b3", "g1", "g2", "solar2", "l1", "l3", "LMP")) {
      assertTrue(r.out().contains(name), "table lacks " + name);
    }
  }

  @Test
  void badInputIsOneLineWithExitCodeTwo() {
    assertError(CliResult.of("dispatch", "--load", "b9=1"), "b9");
    assertError(CliResult.of("dispatch", "--load", "b1=lots"), "lots");
    assertError(CliResult.of("dispatch", "--hour", "9"), "--hour 9");
    assertError(CliResult.of("dispatch", "--case", "no-such-case.m"), "no-such-case.m");
    assertError(CliResult.of("dispatch", "--scenario", "nowhere.conf"), "nowhere.conf");
    assertError(CliResult.of("dispatch", "--set", "dispatch.strict=maybe"), "dispatch.strict");
    assertError(CliResult.of("dispatch", "--hour", "0", "--load", "b3=3600", "--strict"), "bus b3");
  }

  @Test
  void aSheddingBusIsPricedAtVollByBothSolvers() throws Exception {
    // Issue 13: b1 shed and was priced 10 356.74 $/MWh, above VOLL, with exit 0 (10 116.74 at
    // b1=8000; 10 000 up to 7000).
    for (String solver : List.of("dual-active-set", "ojalgo")) {
      for (String load : List.of("b1=7000", "b1=8000", "b1=20000")) {
        JsonNode d = json("dispatch", "--load", load, "--json", "--set", "dispatch.solver=" + solver);
        assertTrue(d.get("shed").get("b1").asDouble() > 100, solver + " " + load + " sheds");
        assertEquals(10_000, d.get("lmp").get("b1").asDouble(), 1e-9, solver + " " + load);
      }
    }
  }

  @Test
  void silentlyDroppedInputsAreErrors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    // A branch to a bus the case lacks was dropped, also with --strict.
    String text = new String(getClass().getResourceAsStream("/cases/pglib_opf_case5_pjm.m").readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8).replaceFirst("(mpc\\.branch = \\[\\s*\\n\\s*)1\\s", "$199\t");
    java.nio.file.Path file = tmp.resolve("bad-branch.m");
    java.nio.file.Files.writeString(file, text);
    assertError(CliResult.of("dispatch", "--case", file.toString(), "--strict"), "bad-branch.m:");
    assertError(CliResult.of("dispatch", "--case", file.toString()), "bus 99");
    // A misspelt key in a scenario file was ignored (--set refused it), and no generators shed everything.
    java.nio.file.Path scenario = tmp.resolve("typo.conf");
    java.nio.file.Files.writeString(scenario, "include classpath(\"scenarios/three-bus.conf\")\n"
        + "dispatch.voll-usd-per-mw = 5000\n");
    assertError(CliResult.of("dispatch", "--scenario", scenario.toString()), "typo.conf:2:");
    assertError(CliResult.of("dispatch", "--set", "grid.generators=[]"), "grid.generators");
  }

  @Test
  void scenarioAndCaseAreExclusive() {
    CliResult r = CliResult.of("dispatch", "--scenario", "three-bus", "--case", "case14_ieee");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("mutually exclusive"), r.err());
    assertEquals(1, r.err().strip().split("\n").length, "one line: " + r.err());
  }

  private static void assertError(CliResult r, String culprit) {
    assertEquals(2, r.code(), "exit code; stderr: " + r.err());
    assertTrue(r.err().startsWith("stackelgrid: error: "), r.err());
    assertTrue(r.err().contains(culprit), "'" + r.err() + "' should name " + culprit);
    assertEquals(1, r.err().strip().split("\n").length, "one line: " + r.err());
  }
}
