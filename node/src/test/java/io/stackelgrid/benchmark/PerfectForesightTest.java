package io.stackelgrid.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PerfectForesightTest {

  @Test
  void twoPriceDayChargesCheapDischargesDearAtTheHandComputedCost() {
    // Steps 0-3 cheap (buy 0.05, sell 0.04 $/kWh), 4-7 dear (0.30, 0.29); demand 10 kWh each step;
    // C = 10 kWh, η = 0.8, u_max = 0.5, start at SoC 0.5.
    double[] buy = {0.05, 0.05, 0.05, 0.05, 0.30, 0.30, 0.30, 0.30};
    double[] sell = {0.04, 0.04, 0.04, 0.04, 0.29, 0.29, 0.29, 0.29};
    double[] demand = {10, 10, 10, 10, 10, 10, 10, 10};
    PerfectForesight.Schedule s = PerfectForesight.solve(buy, sell, demand, 10, 0.8, 0.5, 0.5);
    // By hand: fill the missing 0.5 in cheap steps (0.5·10/0.8 = 6.25 kWh at 0.05 = 0.3125 $),
    // then deliver the whole 10 kWh·0.8 = 8 kWh in dear steps (never exporting: demand 10 per step
    // exceeds 0.5·10·0.8 = 4), saving 8 × 0.30 = 2.40 $. No-storage cost: 4·0.5 + 4·3.0 = 14 $.
    assertEquals(14 + 0.3125 - 2.40, s.costUsd(), 1e-7);
    double charged = 0;
    double discharged = 0;
    for (int t = 0; t < 8; t++) {
      if (t < 4) {
        assertTrue(s.action()[t] >= -1e-9, "no discharge in cheap step " + t);
        charged += s.action()[t];
      } else {
        assertTrue(s.action()[t] <= 1e-9, "no charge in dear step " + t);
        discharged -= s.action()[t];
      }
    }
    assertEquals(0.5, charged, 1e-7);
    assertEquals(1.0, discharged, 1e-7);
    assertEquals(0.0, s.soc()[7], 1e-7);
  }

  @Test
  void dischargeBeyondDemandIsExportedAtTheSellPrice() {
    // One dear step with demand 2 kWh; a full battery of 10 kWh delivers 8 kWh: 2 replace imports
    // (saving 2 × 0.30), 6 are exported at 0.29. Cost = −6 × 0.29 = −1.74 $.
    PerfectForesight.Schedule s = PerfectForesight.solve(new double[] {0.30}, new double[] {0.29},
        new double[] {2}, 10, 0.8, 1.0, 1.0);
    assertEquals(-1.74, s.costUsd(), 1e-7);
    assertEquals(-1.0, s.action()[0], 1e-7);
  }

  @Test
  void flatPricesEmptyTheBatteryButNeverPayForLosses() {
    // Start full: delivering C·η = 8 kWh saves 0.8 $ of the 12 kWh × 0.1 $; recharging would cost
    // 12.5 kWh per 8 delivered, so the optimum is 1.2 − 0.8 = 0.4 $.
    double[] p = {0.1, 0.1, 0.1, 0.1};
    PerfectForesight.Schedule s = PerfectForesight.solve(p, new double[] {0.1, 0.1, 0.1, 0.1},
        new double[] {3, 3, 3, 3}, 10, 0.8, 1.0, 1.0);
    assertEquals(0.4, s.costUsd(), 1e-7);
  }
}
