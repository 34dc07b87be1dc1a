package io.stackelgrid.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * grid.base-mva changes no price or flow of a scenario grid (docs/CONFIG.md says so): DC flow is
 * base·(θf − θt)/x with θ = B⁻¹·injection/base, so the base cancels; a scenario's lines have no
 * phase shift and no angle limit, the only places it would stay. If this fails, the key started to
 * act and its CONFIG entry must say how.
 */
class BaseMvaTest {
  @Test
  void aCongestedDispatchIsTheSameAtAnyBase() {
    Dispatch reference = congested("100");
    assertTrue(reference.congestion()[2] > 1, "the case must be congested: b3 dearer than b1");
    for (String base : new String[] {"1", "7.5", "1000"}) {
      Dispatch d = congested(base);
      for (int n = 0; n < 3; n++) {
        assertEquals(reference.lmp()[n], d.lmp()[n], 1e-9 * Math.abs(reference.lmp()[n]), "LMP at bus " + n);
      }
      for (int l = 0; l < reference.flow().length; l++) {
        assertEquals(reference.flow()[l], d.flow()[l], 1e-9 * 300, "flow of line " + l);
      }
    }
  }

  /** Night step of three-bus with 580 MWh at b3 alone: line l1 (b1→b3) binds at its 300 MWh/step. */
  private static Dispatch congested(String baseMva) {
    Scenario s = ScenarioLoader.load("three-bus", Map.of("grid.base-mva", baseMva));
    Grid grid = s.grid();
    return new DcOpf(grid, s.dispatch()).solve(0, new double[] {0, 0, 580}, grid.pMaxAt(0, null));
  }
}
