package io.stackelgrid.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LmpBeliefTest {

  @Test
  void firstValueThenStepTowardsThePriceWithRateOverRootOfDayPlusOne() {
    LmpBelief b = new LmpBelief(2, 8, 0.9);
    assertTrue(Double.isNaN(b.get(0, 3)));
    b.update(0, 3, 0, 10.0);
    assertEquals(10.0, b.get(0, 3), 0.0);
    b.update(0, 3, 1, 20.0);
    // 10 − 0.9·(10 − 20)/√2
    assertEquals(10 + 9 / Math.sqrt(2), b.get(0, 3), 1e-12);
    b.update(0, 3, 3, 0.0);
    double prev = 10 + 9 / Math.sqrt(2);
    assertEquals(prev - 0.9 * prev / 2, b.get(0, 3), 1e-12);
    assertTrue(Double.isNaN(b.get(1, 3)), "other buses untouched");
    assertEquals(b.get(0, 3), b.get(0, 11), 0.0, "step of day wraps");
  }

  @Test
  void ruleChargesInTheCheapestQuarterAndDischargesInTheDearest() {
    LmpBelief b = new LmpBelief(1, 8, 0.9);
    double[] prices = {7.0, 6.5, 3.0, 0.0, 0.0, 5.0, 9.0, 8.6};
    for (int h = 0; h < 8; h++) {
      b.update(0, h, 0, prices[h]);
    }
    RulePolicy rule = new RulePolicy(b, 0, 0.25, 0.25, 1.0);
    double[] expected = {0, 0, 0, 1, 1, 0, -1, -1};
    for (int h = 0; h < 8; h++) {
      assertEquals(expected[h], rule.action(h), 0.0, "step of day " + h);
    }
  }

  @Test
  void ruleHoldsUntilADayOfBeliefsIsKnown() {
    LmpBelief b = new LmpBelief(1, 8, 0.9);
    b.update(0, 0, 0, 1.0);
    RulePolicy rule = new RulePolicy(b, 0, 0.25, 0.25, 1.0);
    float[] obs = new float[new Observation(8).size()];
    obs[0] = 1f;
    double[] out = {99};
    rule.mean(obs, 1, out);
    assertEquals(0.0, out[0], 0.0);
  }
}
