package io.stackelgrid.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/** Bad grid data and infeasible steps fail loudly, naming the bus, line, step or file. */
class GridErrorsTest {

  private static final String HEADER = "function mpc = tiny\nmpc.version = '2';\nmpc.baseMVA = 100;\n";
  private static final String GENCOST = "mpc.gencost = [\n2 0 0 3 0.01 10 0;\n];\n";
  private static final String GEN = "mpc.gen = [\n1 0 0 0 0 1 100 1 200 0 0 0 0 0 0 0 0 0 0 0 0;\n];\n";

  private static String buses(String... rows) {
    return "mpc.bus = [\n" + String.join("\n", rows) + "\n];\n";
  }

  private static String bus(int id, int type, double pd) {
    return id + " " + type + " " + pd + " 0 0 0 1 1 0 135 1 1.1 0.9;";
  }

  private static String branches(String... rows) {
    return "mpc.branch = [\n" + String.join("\n", rows) + "\n];\n";
  }

  private static String branch(int f, int t, double x, int status) {
    return f + " " + t + " 0.01 " + x + " 0 100 100 100 0 0 " + status + " -360 360;";
  }

  private static void assertNames(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "'" + message + "' should name " + p);
    }
  }

  @Test
  void branchToABusThatDoesNotExistIsAnErrorNamingFileLineAndBus() {
    // Issue 13: such a branch was dropped silently, also with --strict. Bus 7 is not in mpc.bus;
    // the branch is on line 16 of the file (header 3 lines, bus 4, gen 3, gencost 3, then
    // "mpc.branch = [" and the first branch).
    String text = HEADER + buses(bus(1, 3, 0), bus(2, 1, 50)) + GEN + GENCOST
        + branches(branch(1, 2, 0.1, 1), branch(2, 7, 0.1, 1));
    GridDataException e = assertThrows(GridDataException.class, () -> MatpowerCase.parse(text, "tiny.m"));
    assertNames(e.getMessage(), "tiny.m:16:", "mpc.branch row 2", "bus 7");
    // A branch to an isolated bus (type 4) is dropped, as MATPOWER does.
    String isolated = HEADER + buses(bus(1, 3, 0), bus(2, 1, 50), bus(3, 4, 0)) + GEN + GENCOST
        + branches(branch(1, 2, 0.1, 1), branch(2, 3, 0.1, 1));
    assertEquals(1, MatpowerCase.parse(isolated, "tiny.m").lineCount());
  }

  @Test
  void generatorAtAnUnknownBusOrNoGeneratorInServiceIsAnError() {
    String unknown = HEADER + buses(bus(1, 3, 0), bus(2, 1, 50))
        + "mpc.gen = [\n9 0 0 0 0 1 100 1 200 0 0 0 0 0 0 0 0 0 0 0 0;\n];\n" + GENCOST
        + branches(branch(1, 2, 0.1, 1));
    assertNames(assertThrows(GridDataException.class, () -> MatpowerCase.parse(unknown, "tiny.m")).getMessage(),
        "tiny.m:9:", "mpc.gen row 1", "unknown bus 9");
    String none = HEADER + buses(bus(1, 3, 0), bus(2, 1, 50))
        + "mpc.gen = [\n1 0 0 0 0 1 100 0 200 0 0 0 0 0 0 0 0 0 0 0 0;\n];\n" + GENCOST
        + branches(branch(1, 2, 0.1, 1));
    assertNames(assertThrows(GridDataException.class, () -> MatpowerCase.parse(none, "tiny.m")).getMessage(),
        "tiny.m", "no generator in service");
  }

  @Test
  void disconnectedNetworkNamesTheIsland() {
    // Branch 2-3 is out of service, so bus 3 has no path to the reference bus 1.
    String text = HEADER + buses(bus(1, 3, 0), bus(2, 1, 50), bus(3, 1, 20)) + GEN + GENCOST
        + branches(branch(1, 2, 0.1, 1), branch(2, 3, 0.1, 0));
    Grid grid = MatpowerCase.parse(text, "tiny.m");
    GridDataException e = assertThrows(GridDataException.class, () -> new DcOpf(grid, DispatchSettings.defaults()));
    assertNames(e.getMessage(), "tiny.m", "disconnected", "3");
  }

  @Test
  void outOfServiceBranchesAndGeneratorsAreDropped() {
    String text = HEADER + buses(bus(1, 3, 0), bus(2, 1, 50), bus(3, 1, 20))
        + "mpc.gen = [\n1 0 0 0 0 1 100 1 200 0 0 0 0 0 0 0 0 0 0 0 0;\n3 0 0 0 0 1 100 0 200 0 0 0 0 0 0 0 0 0 0 0 0;\n];\n"
        + "mpc.gencost = [\n2 0 0 3 0.01 10 0;\n2 0 0 3 0.01 1 0;\n];\n"
        + branches(branch(1, 2, 0.1, 1), branch(2, 3, 0.1, 1), branch(1, 3, 0.1, 0));
    Grid grid = MatpowerCase.parse(text, "tiny.m");
    assertEquals(1, grid.generatorCount());
    assertEquals(2, grid.lineCount());
    assertEquals("2", grid.lineName(1));
    Dispatch d = new DcOpf(grid, DispatchSettings.defaults()).solve(0, grid.busLoads());
    // Radial feeder: every MW of bus 3's load crosses branch 2 (2 -> 3), and 70 MW cross branch 1.
    assertEquals(20, d.flow()[1], 1e-9);
    assertEquals(70, d.flow()[0], 1e-9);
    // One unit serves everything: price = its marginal cost 2·0.01·70 + 10 everywhere.
    for (double lmp : d.lmp()) {
      assertEquals(11.4, lmp, 1e-9);
    }
  }

  @Test
  void shuntConductanceIsLoadAndTapScalesSusceptance() {
    // Gs = 5 MW at bus 2 is load; on a loop, the branch with tap 2 carries as if its x were doubled.
    String text = HEADER + "mpc.bus = [\n" + bus(1, 3, 0) + "\n2 1 30 0 5 0 1 1 0 135 1 1.1 0.9;\n];\n" + GEN + GENCOST
        + branches(branch(1, 2, 0.1, 1), "1 2 0.01 0.1 0 100 100 100 2 0 1 -360 360;");
    Grid grid = MatpowerCase.parse(text, "tiny.m");
    assertEquals(35, grid.busLoad(1), 1e-12);
    Dispatch d = new DcOpf(grid, DispatchSettings.defaults()).solve(0, grid.busLoads());
    // Susceptances 10 and 5 split 35 MW two to one.
    assertEquals(35 * 2.0 / 3, d.flow()[0], 1e-9);
    assertEquals(35 * 1.0 / 3, d.flow()[1], 1e-9);
  }

  @Test
  void phaseShifterDrivesALoopFlowAsMatpowerDoes() {
    // Two parallel branches 1-2 with no load: a 10° shift on branch 2 circulates
    // b·shift/(1 + b/b') per unit... here equal x = 0.1, so 0.5·10·(10° in rad)·100 MW round the loop.
    String text = HEADER + buses(bus(1, 3, 0), bus(2, 1, 0)) + GEN + GENCOST
        + branches(branch(1, 2, 0.1, 1), "1 2 0.01 0.1 0 0 0 0 0 10 1 -360 360;");
    Grid grid = MatpowerCase.parse(text, "tiny.m");
    Dispatch d = new DcOpf(grid, DispatchSettings.defaults()).solve(0, grid.busLoads());
    double circulating = 0.5 * 10 * Math.toRadians(10) * 100;
    assertEquals(circulating, d.flow()[0], 1e-9);
    assertEquals(-circulating, d.flow()[1], 1e-9);
  }

  @Test
  void angleDifferenceLimitBindsAsAFlowLimit() {
    // Cheap unit at bus 1, dear unit at bus 2, 50 MW load at bus 2; the branch's angmax of 1°
    // caps the flow at 100 MVA · (1° in rad) / 0.1 p.u. = 17.45 MW, so bus 2 pays its own unit.
    String text = HEADER + buses(bus(1, 3, 0), bus(2, 1, 50))
        + "mpc.gen = [\n1 0 0 0 0 1 100 1 200 0 0 0 0 0 0 0 0 0 0 0 0;\n2 0 0 0 0 1 100 1 200 0 0 0 0 0 0 0 0 0 0 0 0;\n];\n"
        + "mpc.gencost = [\n2 0 0 3 0.01 10 0;\n2 0 0 3 0.01 40 0;\n];\n"
        + branches("1 2 0.01 0.1 0 0 0 0 0 0 1 -1 1;");
    Grid grid = MatpowerCase.parse(text, "tiny.m");
    Dispatch d = new DcOpf(grid, DispatchSettings.defaults()).solve(0, grid.busLoads());
    double cap = 100 * Math.toRadians(1) / 0.1;
    assertEquals(cap, d.flow()[0], 1e-7);
    assertTrue(d.lineBinding()[0]);
    assertEquals(2 * 0.01 * cap + 10, d.lmp()[0], 1e-7);
    assertEquals(2 * 0.01 * (50 - cap) + 40, d.lmp()[1], 1e-7);
  }

  @Test
  void nanLoadNamesTheBusAndStep() {
    Grid grid = MatpowerCase.load("case14_ieee");
    double[] load = grid.busLoads();
    load[4] = Double.NaN;
    DispatchException e = assertThrows(DispatchException.class,
        () -> new DcOpf(grid, DispatchSettings.defaults()).solve(17, load));
    assertNames(e.getMessage(), "step 17", "bus 5", "NaN");
  }

  @Test
  void zeroReactanceInACaseFileIsNamed() {
    String text = HEADER + buses(bus(1, 3, 0), bus(2, 1, 50)) + GEN + GENCOST + branches(branch(1, 2, 0, 1));
    GridDataException e = assertThrows(GridDataException.class, () -> MatpowerCase.parse(text, "tiny.m"));
    assertNames(e.getMessage(), "tiny.m", "line '1'", "zero reactance");
  }

  @Test
  void malformedCaseFileIsNamed() {
    String text = HEADER + buses(bus(1, 3, 0), "2 1 fifty 0 0 0 1 1 0 135 1 1.1 0.9;") + GEN + GENCOST;
    GridDataException e = assertThrows(GridDataException.class, () -> MatpowerCase.parse(text, "tiny.m"));
    assertNames(e.getMessage(), "tiny.m", "mpc.bus row 2", "fifty");
  }

  @Test
  void strictDispatchNamesTheBusAndAmountShed() {
    Scenario s = ScenarioLoader.load("three-bus");
    DcOpf opf = new DcOpf(s.grid(), s.dispatch().withStrict(true));
    DispatchException e = assertThrows(DispatchException.class,
        () -> opf.solve(5, new double[] {10, 10, 3600}, s.grid().pMaxAt(0, null)));
    // At night b3 has no generation and imports at most 3 h × (100 + 100) MW over l1 and l2: 3000 is shed.
    assertNames(e.getMessage(), "step 5", "sheds", "bus b3", "3000.00");
  }

  @Test
  void strictDispatchNamesTheBusSpilling() {
    Scenario s = ScenarioLoader.load("three-bus");
    DcOpf opf = new DcOpf(s.grid(), s.dispatch().withStrict(true));
    DispatchException e = assertThrows(DispatchException.class,
        () -> opf.solve(9, new double[] {-5, -5, -5}, s.grid().pMaxAt(0, null)));
    assertNames(e.getMessage(), "step 9", "spills");
  }
}
