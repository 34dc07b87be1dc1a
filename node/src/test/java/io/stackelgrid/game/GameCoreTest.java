package io.stackelgrid.game;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.household.ActionMap;
import io.stackelgrid.ppo.EnvStep;
import io.stackelgrid.ppo.GaussianPolicy;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.TariffBounds;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.PeriodRecord;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The environments and the tariff map against hand-computed values. */
class GameCoreTest {
  private static final Scenario SCENARIO = ScenarioLoader.load("three-bus", Map.of());
  private static final TariffBounds BOUNDS = SCENARIO.tariff();

  /** A prosumer with 10 kWh storage, η = 0.8, 1 kWh demand and a 20 $/MWh belief every step. */
  private static FollowerProblem problem(double[] socMass, int episodeSteps) {
    double[] ones = new double[8];
    Arrays.fill(ones, 1.0);
    double[] belief = new double[8];
    Arrays.fill(belief, 20.0);
    Tariff t = new Tariff(0.01, 0.0, new double[6]);
    return new FollowerProblem(0, "a0", 0, episodeSteps, 0.8, 1.0, ActionMap.CLIP,
        java.util.List.of(new FollowerProblem.Member(10, 1, ones, socMass)), ones, belief, 10, t, BOUNDS,
        new double[0], 0.5, 7L);
  }

  @Test
  void followerRewardIsMinusTheEnergyBillOverTheScale() {
    double[] atEmpty = new double[50];
    atEmpty[0] = 1; // every episode starts at SoC 0
    FollowerEnv env = new FollowerEnv(problem(atEmpty, 3), 2);
    float[] obs = new float[2 * 15];
    env.reset(obs);
    assertEquals(0f, obs[8]);
    assertEquals(1f, obs[0]); // hour 0 one-hot
    EnvStep out = new EnvStep(2, 15);
    // Copy 0 charges half its battery: grid 0.5·10/0.8 = 6.25 kWh, net 7.25 kWh at 0.02 + 0.01 $/kWh.
    // Copy 1 asks to discharge an empty battery: clipped to 0, net = demand = 1 kWh.
    env.step(new float[] {0.5f, -1f}, out);
    assertEquals(-(7.25 * 0.03) / 0.5, out.rewards[0], 1e-12);
    assertEquals(-(1 * 0.03) / 0.5, out.rewards[1], 1e-12);
    assertEquals(0.5f, out.observations[8], 1e-7);
    assertEquals(0f, out.observations[15 + 8]);
    assertEquals(1f, out.observations[1]); // next step of day
    // Discharging 0.5 from SoC 0.5 delivers 0.5·10·0.8 = 4 kWh: export 3 kWh sold at 0.02 $/kWh.
    env.step(new float[] {-0.5f, 0f}, out);
    assertEquals(3 * 0.02 / 0.5, out.rewards[0], 1e-12);
    assertFalse(out.done[0]);
    env.step(new float[] {1f, 0f}, out);
    assertTrue(out.done[0] && out.truncated[0], "a 3-step episode ends by time limit");
    assertEquals(1f, out.terminalObservations[8], 1e-7); // SoC 0 + 1 before the reset
    assertEquals(0f, out.observations[8]); // the next episode starts empty again
  }

  @Test
  void startSocIsDrawnFromTheMeanField() {
    double[] twoPoints = new double[50];
    twoPoints[0] = 0.25;
    twoPoints[49] = 0.75;
    FollowerEnv env = new FollowerEnv(problem(twoPoints, 1), 8);
    float[] obs = new float[8 * 15];
    int full = 0;
    int draws = 0;
    EnvStep out = new EnvStep(8, 15);
    env.reset(obs);
    for (int k = 0; k < 500; k++) {
      for (int i = 0; i < 8; i++) {
        float soc = obs[i * 15 + 8];
        assertTrue(soc == 0f || soc == 1f, "only the two SoC nodes with mass can be drawn");
        full += soc == 1f ? 1 : 0;
        draws++;
      }
      env.step(new float[8], out);
      System.arraycopy(out.observations, 0, obs, 0, obs.length);
    }
    assertEquals(0.75, (double) full / draws, 0.03);
  }

  @Test
  void tariffCodecMapsTheCubeOntoTheBounds() {
    TariffCodec codec = new TariffCodec(BOUNDS, 6, TariffCodec.Centre.MIDPOINT);
    float[] low = new float[8];
    float[] high = new float[8];
    Arrays.fill(low, -1f);
    Arrays.fill(high, 1f);
    Tariff min = codec.decode(low);
    Tariff max = codec.decode(high);
    assertEquals(0.0, min.buyAddOnUsdPerKwh());
    assertEquals(0.10, max.buyAddOnUsdPerKwh(), 1e-15);
    assertEquals(-0.05, min.sellAddOnUsdPerKwh(), 1e-15);
    assertEquals(2.0, max.fixedChargeUsdPerDay(5), 1e-15);
    assertEquals(8.0, codec.normalisedL1(min, max), 1e-12);
    Tariff initial = Tariff.initial(SCENARIO);
    float[] e = codec.encode(initial);
    assertEquals(-0.8f, e[0], 1e-6); // 0.01 of [0, 0.1]
    assertEquals(0.0, codec.normalisedL1(initial, codec.decode(e)), 1e-6);
  }

  @Test
  void leaderRewardPenalisesGapAndRevenueShortfall() {
    Tariff t = Tariff.initial(SCENARIO);
    // 3 days at R = 2000 $/day need 6000 $: 4500 $ is a quarter short.
    PeriodRecord p = new PeriodRecord(0, 3, t, new double[6], new double[6], new double[6], -0.4, 0, 4500, 0.75);
    assertEquals(-0.4 - 10 * 0.25, LeaderReward.GAP.of(p, 2000, 10), 1e-12);
    PeriodRecord rich = new PeriodRecord(0, 3, t, new double[6], new double[6], new double[6], 0.3, 0, 9000, 1.5);
    assertEquals(-0.3, LeaderReward.GAP.of(rich, 2000, 10), 1e-12);
  }

  /** A [15, 2, 1] policy whose weights are zero: its mean action is the output bias {@code u}. */
  private static GaussianPolicy constant(float u) {
    float[] weights = new float[15 * 2 + 2 + 2 * 1 + 1];
    weights[weights.length - 1] = u;
    return GaussianPolicy.fromParams(new PolicyParams("constant", 0, new int[] {15, 2, 1}, new int[] {15, 2, 1},
        weights, new float[weights.length], new float[] {0f}));
  }

  @Test
  void meanReturnOfFixedPoliciesMatchesTheBillsByHand() {
    double[] atEmpty = new double[50];
    atEmpty[0] = 1;
    // Idle: 3 steps of 1 kWh at 0.03 $/kWh, scale 0.5.
    assertEquals(-3 * 0.06, Exploitability.meanReturn(constant(0f), new FollowerEnv(problem(atEmpty, 3), 4), 8), 1e-9);
    // Charge fully at once: 1 + 10/0.8 kWh, then the full battery cannot charge: 2 idle steps.
    assertEquals(-(13.5 * 0.03 / 0.5) - 2 * 0.06,
        Exploitability.meanReturn(constant(1f), new FollowerEnv(problem(atEmpty, 3), 4), 8), 1e-6);
  }

  @Test
  void settingsAreReadFromTheScenario() {
    GameSettings s = GameSettings.of(SCENARIO);
    assertEquals(5, s.innerMaxIterations());
    assertEquals(2000, s.budgetSteps());
    assertEquals(1200, s.follower().rolloutSteps());
    assertArrayEquals(new int[] {18, 36}, s.follower().policyHidden());
    assertArrayEquals(new int[] {24, 36}, s.leader().policyHidden());
    assertEquals(5, s.leaderEpisodePeriods());
  }

  @Test
  void centredTariffCodecPutsTheInitialTariffAtZeroAndTheBoundsAtTheEnds() {
    TariffCodec codec = new TariffCodec(BOUNDS, 6, TariffCodec.Centre.INITIAL);
    Tariff initial = Tariff.initial(SCENARIO);
    assertEquals(0.0, codec.normalisedL1(initial, codec.decode(new float[8])), 1e-15, "a = 0 is the initial tariff");
    float[] zero = codec.encode(initial);
    for (float v : zero) {
      assertEquals(0f, v, 1e-7f);
    }
    float[] low = new float[8];
    float[] high = new float[8];
    Arrays.fill(low, -1f);
    Arrays.fill(high, 1f);
    assertEquals(0.0, codec.decode(low).buyAddOnUsdPerKwh(), 1e-15);
    assertEquals(0.10, codec.decode(high).buyAddOnUsdPerKwh(), 1e-15);
    assertEquals(-0.05, codec.decode(low).sellAddOnUsdPerKwh(), 1e-15);
    assertEquals(2.0, codec.decode(high).fixedChargeUsdPerDay(3), 1e-15);
    // Half-way on each side: buy 0.01 + 0.5 (0.10 - 0.01) and 0.01 - 0.5 (0.01 - 0).
    float[] a = new float[8];
    a[0] = 0.5f;
    assertEquals(0.055, codec.decode(a).buyAddOnUsdPerKwh(), 1e-9);
    a[0] = -0.5f;
    assertEquals(0.005, codec.decode(a).buyAddOnUsdPerKwh(), 1e-9);
    // encode inverts decode.
    float[] b = {0.3f, -0.7f, 0.1f, -0.2f, 0.9f, -1f, 1f, 0f};
    float[] back = codec.encode(codec.decode(b));
    for (int i = 0; i < b.length; i++) {
      assertEquals(b[i], back[i], 1e-6f, "component " + i);
    }
  }

  @Test
  void leaderRewardVariantsMeasureGapSpreadOrBoth() {
    Tariff t = Tariff.initial(SCENARIO);
    // Revenue covers R: only the inequity counts. Gap −0.4 pp, income spread 2.5 pp.
    PeriodRecord p = new PeriodRecord(0, 3, t, new double[6], new double[6], new double[6], -0.4, 2.5, 9000, 1.5);
    assertEquals(-0.4, LeaderReward.GAP.of(p, 2000, 10), 1e-12);
    assertEquals(-2.5, LeaderReward.SPREAD.of(p, 2000, 10), 1e-12);
    assertEquals(-2.9, LeaderReward.GAP_SPREAD.of(p, 2000, 10), 1e-12);
    // A quarter short of 3 × 2000 $: the same penalty in every variant.
    PeriodRecord poor = new PeriodRecord(0, 3, t, new double[6], new double[6], new double[6], -0.4, 2.5, 4500, 0.75);
    assertEquals(-2.5 - 10 * 0.25, LeaderReward.SPREAD.of(poor, 2000, 10), 1e-12);
  }

  @Test
  void leaderSettingsNameTheirKeyWhenUnknown() {
    for (String[] bad : new String[][] {{"learning.leader.reward", "fairness"},
        {"learning.leader.action-centre", "middle"}}) {
      // Refused as the scenario loads (every command that loads one), not only where the learners read it.
      String m = org.junit.jupiter.api.Assertions.assertThrows(io.stackelgrid.common.StackelgridException.class,
          () -> ScenarioLoader.load("three-bus", Map.of(bad[0], bad[1]))).getMessage();
      assertTrue(m.contains(bad[0]) && m.contains(bad[1]) && !m.contains("\n"), m);
    }
    GameSettings spread = GameSettings.of(ScenarioLoader.load("three-bus", Map.of("learning.leader.reward", "gap+spread")));
    assertEquals(LeaderReward.GAP_SPREAD, spread.leaderReward());
  }
}
