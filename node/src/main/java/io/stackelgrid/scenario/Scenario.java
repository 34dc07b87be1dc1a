package io.stackelgrid.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import io.stackelgrid.grid.DispatchSettings;
import io.stackelgrid.grid.Grid;

/**
 * A loaded, validated scenario: every number of MODEL.md, typed. Sections not yet typed here stay
 * readable through {@link #config()}.
 *
 * @param origin the built-in name or file it was read from
 * @param solarNoise zeta, the multiplicative noise on variable generators per step
 * @param householdNoise xi, the multiplicative noise on household energy per day
 * @param tariffGroups which fixed charge each household group pays (MODEL.md §10)
 */
public record Scenario(String name, String description, String origin, Config config, Clock clock,
    Grid grid, double baseLoadScale, DispatchSettings dispatch, Triangular solarNoise,
    Triangular householdNoise, Shapes shapes, Households households, TariffBounds tariff,
    TariffGroups tariffGroups) {

  /** kWh per step of household energy expressed in the grid's unit (MWh/step or MW). */
  public double kwhPerStepToGridUnit() {
    return grid.unit() == Grid.Unit.MW ? 1.0 / 1000.0 / clock.stepHours() : 1.0 / 1000.0;
  }

  /**
   * Expected household energy per bus in step of day h with no storage in use (u = 0, noise at its
   * mean 1): (N_c·consumer[h] + N_p·prosumer[h]) times a household's energy scale (S per step,
   * or S/steps-per-day), in kWh (MODEL.md §2-3).
   */
  public double[] householdBaselineKwh(int hourOfDay) {
    double[] out = new double[grid.busCount()];
    double perStep = households.energyScaleKwh(clock.stepsPerDay());
    int h = Math.floorMod(hourOfDay, clock.stepsPerDay());
    for (HouseholdGroup g : households.groups()) {
      out[g.bus()] += g.count() * g.shape(h) * perStep;
    }
    return out;
  }

  /** Bus loads in the grid's unit for step of day h with households at baseline (no storage). */
  public double[] baselineBusLoad(int hourOfDay) {
    double[] kwh = householdBaselineKwh(hourOfDay);
    double[] out = grid.busLoads();
    double toGrid = kwhPerStepToGridUnit();
    for (int n = 0; n < out.length; n++) {
      out[n] += kwh[n] * toGrid;
    }
    return out;
  }

  /** The effective configuration as HOCON-compatible JSON (for summaries). */
  public String renderConfig() {
    return config.root().render(ConfigRenderOptions.concise().setFormatted(true));
  }
}
