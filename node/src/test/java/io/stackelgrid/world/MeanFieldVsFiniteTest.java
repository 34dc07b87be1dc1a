package io.stackelgrid.world;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.FinitePopulation;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.household.LmpBelief;
import io.stackelgrid.household.RulePolicy;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.meanfield.Gamma;
import io.stackelgrid.meanfield.MeanField;
import io.stackelgrid.meanfield.MeanFieldPopulation;
import io.stackelgrid.meanfield.SocGrid;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The finite-N bus aggregates approach the mean field's like 1/√N under the rule policy. */
class MeanFieldVsFiniteTest {
  private static final int DAYS = 2;
  private static final int SEEDS = 6;

  /** RMS over seeds, steps and buses of (finite − MF)/MF bus household energy, at N households. */
  private static double error(double households) {
    Scenario s = ScenarioLoader.load("three-bus",
        Map.of("households.population-scale", Double.toString(households / 10800)));
    GroupLayout layout = new GroupLayout(s);
    // A fixed day of beliefs so both populations see the same plans (prices do not feed back).
    LmpBelief belief = new LmpBelief(3, 8, 0.9);
    double[] prices = {7.0, 6.5, 3.0, 0.0, 0.5, 5.0, 9.0, 8.6};
    for (int n = 0; n < 3; n++) {
      for (int h = 0; h < 8; h++) {
        belief.update(n, h, 0, prices[h] + n);
      }
    }
    ActionPlan[] plans = new ActionPlan[3];
    RulePolicy[] rules = new RulePolicy[3];
    for (int n = 0; n < 3; n++) {
      rules[n] = new RulePolicy(belief, n, 0.25, 0.25, 1.0);
    }
    SocGrid grid = new SocGrid(50);
    Gamma gamma = new Gamma(grid, 7, 41, 1.0, 0.8, s.households().actionMap());
    double sq = 0;
    int count = 0;
    for (int seed = 0; seed < SEEDS; seed++) {
      MeanFieldPopulation mf = new MeanFieldPopulation(layout, gamma, MeanField.uniform(grid, 3, 41), true,
          s.householdNoise().mean());
      FinitePopulation fn = new FinitePopulation(s, layout, 1000 + seed, true, true);
      GroupFlows a = new GroupFlows(6);
      GroupFlows b = new GroupFlows(6);
      for (int t = 0; t < DAYS * 8; t++) {
        StepTime time = StepTime.of(s.clock(), t);
        if (time.hour() == 0) {
          mf.startDay(time.day());
          fn.startDay(time.day());
        }
        for (int n = 0; n < 3; n++) {
          double[] means = new double[50];
          Arrays.fill(means, rules[n].action(time.hour()));
          plans[n] = new ActionPlan(means, 0, true);
        }
        mf.act(time, plans, a);
        fn.act(time, plans, b);
        double[] ha = a.busNetKwh(layout, new double[3]);
        double[] hb = b.busNetKwh(layout, new double[3]);
        for (int n = 0; n < 3; n++) {
          double rel = (hb[n] - ha[n]) / ha[n];
          sq += rel * rel;
          count++;
        }
      }
    }
    return Math.sqrt(sq / count);
  }

  @Test
  void errorShrinksLikeOneOverRootN() {
    double[] n = {1e3, 1e4, 1e5};
    double[] logN = new double[3];
    double[] logErr = new double[3];
    for (int i = 0; i < 3; i++) {
      logN[i] = Math.log(n[i]);
      logErr[i] = Math.log(error(n[i]));
    }
    double meanX = (logN[0] + logN[1] + logN[2]) / 3;
    double meanY = (logErr[0] + logErr[1] + logErr[2]) / 3;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < 3; i++) {
      sxy += (logN[i] - meanX) * (logErr[i] - meanY);
      sxx += (logN[i] - meanX) * (logN[i] - meanX);
    }
    double slope = sxy / sxx;
    assertTrue(slope > -0.7 && slope < -0.3, "log-log slope " + slope + " (errors "
        + Math.exp(logErr[0]) + ", " + Math.exp(logErr[1]) + ", " + Math.exp(logErr[2]) + ")");
    assertTrue(Math.exp(logErr[2]) < 0.01, "at 10^5 households the gap is below 1 %");
  }
}
