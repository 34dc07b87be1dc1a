package io.stackelgrid.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Agreement with an independent solve of MATPOWER's DC-OPF model: the B-θ formulation written in
 * GNU Octave (src/test/octave/dcopf_reference.m) and solved with Octave's qp, whose results are
 * stored under src/test/resources/reference. Octave's qp failed on the 118- and 300-bus cases, which
 * the finite-difference and cost-sum tests cover instead.
 */
class MatpowerReferenceTest {

  @ParameterizedTest
  @ValueSource(strings = {"case3_lmbd", "case5_pjm", "case14_ieee", "case14_ieee__api", "case30_ieee",
      "case30_ieee__api", "case57_ieee"})
  void objectiveGenerationAndLmpsMatchTheReference(String caseName) throws IOException {
    Grid grid = MatpowerCase.load(caseName);
    Dispatch d = new DcOpf(grid, DispatchSettings.defaults()).solve(0, grid.busLoads());
    int lmps = 0;
    int gens = 0;
    double objective = Double.NaN;
    for (String line : reference(caseName).split("\n")) {
      String[] f = line.trim().split("\\s+");
      switch (f[0]) {
        case "objective" -> objective = Double.parseDouble(f[1]);
        case "gen" -> {
          int g = grid.generatorIndex(f[1]);
          assertTrue(g >= 0, "generator " + f[1]);
          // Dispatch is unique here: every running unit has a positive quadratic cost.
          assertEquals(Double.parseDouble(f[2]), d.generation()[g], 1e-3, caseName + " generator " + f[1]);
          gens++;
        }
        case "lmp" -> {
          int n = grid.busIndex(f[1]);
          assertEquals(Double.parseDouble(f[2]), d.lmp()[n], 1e-3, caseName + " LMP at bus " + f[1]);
          lmps++;
        }
        default -> throw new AssertionError("unexpected reference line " + line);
      }
    }
    assertEquals(grid.busCount(), lmps);
    assertEquals(grid.generatorCount(), gens);
    assertEquals(objective, d.cost(), 1e-6 * Math.abs(objective), caseName + " objective");
  }

  private static String reference(String caseName) throws IOException {
    try (InputStream in = MatpowerReferenceTest.class.getResourceAsStream("/reference/" + caseName + ".txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
