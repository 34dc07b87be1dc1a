package io.stackelgrid.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dual active-set solver and ojAlgo (a second method) clear the same markets identically. */
class SolverAgreementTest {

  @ParameterizedTest
  @ValueSource(strings = {"case5_pjm", "case14_ieee", "case30_ieee", "case30_ieee__api", "case57_ieee", "case118_ieee"})
  void sameCostAndPricesOnRandomLoads(String caseName) {
    Grid grid = MatpowerCase.load(caseName);
    DcOpf ours = new DcOpf(grid, DispatchSettings.defaults());
    DcOpf ojalgo = new DcOpf(grid, DispatchSettings.defaults().withSolver(DispatchSettings.Solver.OJALGO));
    SplittableRandom random = new SplittableRandom(caseName.hashCode());
    int compared = 0;
    for (int k = 0; k < 8; k++) {
      double[] load = grid.busLoads();
      for (int n = 0; n < load.length; n++) {
        load[n] *= 0.85 + 0.2 * random.nextDouble();
      }
      Dispatch a = ours.solve(k, load);
      Dispatch b;
      try {
        b = ojalgo.solve(k, load);
      } catch (DispatchException e) {
        continue; // ojAlgo could not certify an optimum here; ours did
      }
      assertEquals(b.cost(), a.cost(), 1e-7 * Math.abs(b.cost()), caseName + " cost, draw " + k);
      for (int n = 0; n < grid.busCount(); n++) {
        assertEquals(b.lmp()[n], a.lmp()[n], 1e-4, caseName + " LMP at bus " + grid.busName(n));
      }
      compared++;
    }
    assertTrue(compared >= 4, caseName + ": ojAlgo certified only " + compared + " of 8 draws");
  }
}
