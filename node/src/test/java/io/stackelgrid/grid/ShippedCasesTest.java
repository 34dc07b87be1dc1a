package io.stackelgrid.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every shipped case clears: balanced, within limits, no slack; and its cost is its units' costs. */
class ShippedCasesTest {

  @ParameterizedTest
  @ValueSource(strings = {"case3_lmbd", "case5_pjm", "case14_ieee", "case14_ieee__api", "case30_ieee",
      "case30_ieee__api", "case57_ieee", "case118_ieee", "case118_ieee__api", "case300_ieee",
      "case2000_goc"})
  void clearsWithinLimits(String caseName) {
    Grid grid = MatpowerCase.load(caseName);
    DcOpf opf = new DcOpf(grid, DispatchSettings.defaults());
    Dispatch d = opf.solve(0, grid.busLoads());
    double load = 0;
    double generation = 0;
    for (int n = 0; n < grid.busCount(); n++) {
      load += d.load()[n];
    }
    for (int g = 0; g < grid.generatorCount(); g++) {
      generation += d.generation()[g];
      assertTrue(d.generation()[g] <= grid.pMax(g) + 1e-6 && d.generation()[g] >= grid.pMin(g) - 1e-6,
          caseName + " generator " + grid.generatorName(g));
    }
    assertEquals(load, generation, 1e-6 * load, caseName + " balance");
    assertEquals(0.0, d.totalShed(), 1e-9, caseName + " shed");
    assertEquals(0.0, d.totalSpill(), 1e-9, caseName + " spill");
    for (int l = 0; l < grid.lineCount(); l++) {
      double tol = 1e-6 * Math.max(1, Math.abs(opf.flowMax(l)));
      assertTrue(d.flow()[l] <= opf.flowMax(l) + tol && d.flow()[l] >= opf.flowMin(l) - tol,
          caseName + " line " + grid.lineName(l) + " flow " + d.flow()[l]);
    }
  }

  /** The objective equals Σ c2·p² + c1·p + c0 with the coefficients read from the file by this test. */
  @Test
  void case118ObjectiveIsTheSumOfGeneratorCosts() throws Exception {
    Grid grid = MatpowerCase.load("case118_ieee");
    Dispatch d = new DcOpf(grid, DispatchSettings.defaults()).solve(0, grid.busLoads());
    String text;
    try (InputStream in = getClass().getResourceAsStream("/cases/pglib_opf_case118_ieee.m")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<double[]> costs = new ArrayList<>();
    Matcher block = Pattern.compile("mpc\\.gencost = \\[(.*?)\\];", Pattern.DOTALL).matcher(text);
    assertTrue(block.find());
    for (String row : block.group(1).replaceAll("%[^\n]*", "").split(";")) {
      String t = row.trim();
      if (!t.isEmpty()) {
        String[] f = t.split("\\s+");
        costs.add(new double[] {Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6])});
      }
    }
    assertEquals(54, costs.size());
    double total = 0;
    for (int g = 0; g < 54; g++) {
      double p = d.generation()[grid.generatorIndex(Integer.toString(g + 1))];
      double[] c = costs.get(g);
      total += c[0] * p * p + c[1] * p + c[2];
    }
    assertEquals(total, d.cost(), 1e-9 * total);
    assertTrue(total > 0);
  }
}
