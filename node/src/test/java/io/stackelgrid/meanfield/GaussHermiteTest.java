package io.stackelgrid.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaussHermiteTest {

  /** E[Z^k] of a standard normal: 0 for odd k, (k − 1)!! for even k. */
  private static double normalMoment(int k) {
    if (k % 2 == 1) {
      return 0;
    }
    double m = 1;
    for (int j = k - 1; j > 0; j -= 2) {
      m *= j;
    }
    return m;
  }

  @Test
  void sevenNodesIntegrateNormalMomentsUpToDegreeThirteenExactly() {
    GaussHermite gh = GaussHermite.of(7);
    for (int k = 0; k <= 13; k++) {
      double sum = 0;
      for (int i = 0; i < gh.size(); i++) {
        sum += gh.weight(i) * Math.pow(gh.node(i), k);
      }
      assertEquals(normalMoment(k), sum, 1e-10 * Math.max(1, normalMoment(k)), "moment " + k);
    }
  }

  @Test
  void twoNodesAreAtPlusMinusOne() {
    // The 2-point rule for N(0, 1) puts weight 1/2 at ±1 (closed form).
    GaussHermite gh = GaussHermite.of(2);
    assertEquals(-1.0, gh.node(0), 1e-14);
    assertEquals(1.0, gh.node(1), 1e-14);
    assertEquals(0.5, gh.weight(0), 1e-14);
  }

  @Test
  void eighthMomentIsWrongWithThreeNodes() {
    // Guards the moment test: a too-small rule must miss high moments (E[Z^8] = 105).
    GaussHermite gh = GaussHermite.of(3);
    double sum = 0;
    for (int i = 0; i < gh.size(); i++) {
      sum += gh.weight(i) * Math.pow(gh.node(i), 8);
    }
    // 3 nodes: 0 (weight 2/3) and ±√3 (weight 1/6 each), so the rule gives 2·(1/6)·3^4 = 27.
    assertEquals(27.0, sum, 1e-9);
  }
}
