package io.stackelgrid.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.game.FollowerEnv;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.game.LeaderEnv;
import io.stackelgrid.game.LeaderState;
import io.stackelgrid.game.LearnedPolicy;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.meanfield.MeanField;
import io.stackelgrid.meanfield.MeanFieldPopulation;
import io.stackelgrid.ppo.EnvStep;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A world whose tables are not one aggregator per bus (MODEL.md §10): bus b1 holds an aggregator
 * of two prosumer groups (30 and 60 kWh), b2 holds two aggregators, b3 none (consumers only).
 */
class TablesTest {
  static final Scenario SCENARIO = ScenarioLoader.load("three-bus", Map.of(
      "households.aggregators", "[{id = a1, bus = b1}, {id = a2, bus = b2}, {id = a3, bus = b2}]",
      "households.groups", "["
          + "{name = p1s, kind = prosumer, aggregator = a1, count = 600, storage-kwh = 30, income-usd-per-year = 25000},"
          + "{name = p1l, kind = prosumer, aggregator = a1, count = 200, storage-kwh = 60, income-usd-per-year = 45000},"
          + "{name = p2, kind = prosumer, aggregator = a2, count = 500, storage-kwh = 60, income-usd-per-year = 45000},"
          + "{name = p3, kind = prosumer, aggregator = a3, count = 300, storage-kwh = 100, income-usd-per-year = 65000},"
          + "{name = c1, kind = consumer, aggregator = a1, count = 3000, income-usd-per-year = 15000},"
          + "{name = c2, kind = consumer, aggregator = a3, count = 3000, income-usd-per-year = 15000},"
          + "{name = c3, kind = consumer, bus = b3, count = 3000, income-usd-per-year = 15000}]",
      "tariff.groups", "by-income-and-kind"));
  static final WorldSettings SETTINGS = WorldSettings.of(SCENARIO);

  private static World learnedWorld(long seed) {
    World w = new World(SCENARIO, SETTINGS, new WorldOptions("baseline", true, true, seed), Tariff.initial(SCENARIO));
    GameSettings g = GameSettings.of(SCENARIO);
    for (int a = 0; a < w.layout().aggregatorCount(); a++) {
      FollowerProblem shape = FollowerProblem.of(w, a, w.belief(), new double[0], g, 0);
      w.setPolicy(a, LearnedPolicy.of(LearnerFactory.follower(g, seed, a, shape).exportParams()));
    }
    return w;
  }

  @Test
  void busesHoldNoneOneOrSeveralAggregatorsAndEnergyAddsUpByBus() {
    World w = learnedWorld(3);
    GroupLayout layout = w.layout();
    assertEquals(3, layout.aggregatorCount());
    assertEquals(0, layout.firstAggregatorAt(0));
    assertEquals(1, layout.firstAggregatorAt(1));
    assertEquals(-1, layout.firstAggregatorAt(2), "b3 holds no aggregator");
    for (int t = 0; t < 16; t++) {
      StepRecord r = w.advance();
      // No prosumers at b3: no prosumer energy, mean SoC 0; its consumers' energy is all it draws.
      assertEquals(0, r.prosumerNetKwh()[2], 0.0);
      assertEquals(0, r.meanSoc()[2], 0.0);
      for (int n = 0; n < 3; n++) {
        assertEquals(r.householdNetKwh()[n], r.prosumerNetKwh()[n] + r.consumerKwh()[n], 1e-9, "bus " + n);
        assertEquals(r.loadMwh()[n], r.householdNetKwh()[n] / 1000, 1e-12, "households are the load at bus " + n);
      }
      // The two aggregators at b2 see the same prices, so their beliefs stay equal.
      assertArrayEquals(w.belief().row(1), w.belief().row(2), "step " + t);
    }
  }

  @Test
  void oneAggregatorsTwoProsumerGroupsMoveAlikeAndDrawInProportionToTheirBatteries() {
    World w = learnedWorld(5);
    MeanField field = ((MeanFieldPopulation) w.households()).field();
    GroupFlows flows = new GroupFlows(w.layout().groupCount());
    for (int t = 0; t < 12; t++) {
      StepEngine.Moved m = w.engine().move(w.households(), w.engine().time(t),
          planAll(w, t));
      // One policy for both groups of a1, from the same uniform start: the same SoC distribution.
      assertArrayEquals(field.soc(0), field.soc(1), "μ of a1's two groups, step " + t);
      // Storage energy per household is u·C/η or u·C·η: per kWh of battery the two groups draw alike.
      double small = m.flows().storageKwh[0] / (600 * 30.0);
      double large = m.flows().storageKwh[1] / (200 * 60.0);
      assertEquals(small, large, 1e-12 * Math.max(1, Math.abs(small)), "step " + t);
      flows = m.flows();
    }
    assertTrue(flows.storageKwh[0] != 0, "the batteries moved");
  }

  /** Every aggregator's plan of step t, as the world would make it. */
  private static io.stackelgrid.household.ActionPlan[] planAll(World w, int t) {
    double[] soc = w.busMeanSoc();
    float[] scratch = w.engine().planScratch();
    io.stackelgrid.household.ActionPlan[] plans = new io.stackelgrid.household.ActionPlan[w.layout().aggregatorCount()];
    for (int a = 0; a < plans.length; a++) {
      plans[a] = w.engine().plan(a, t % 8, w.belief(), w.tariff(), soc[w.layout().aggregatorBus(a)], w.policy(a),
          scratch);
    }
    return plans;
  }

  @Test
  void theRepresentativeProsumerStartsInEachGroupAsOftenAsItsShareOfHouseholds() {
    World w = learnedWorld(7);
    FollowerProblem p = FollowerProblem.of(w, 0, w.belief(), new double[0], GameSettings.of(SCENARIO), 11);
    assertEquals(2, p.members().size());
    assertEquals(0.75, p.members().get(0).weight(), 1e-15);
    assertEquals(0.25, p.members().get(1).weight(), 1e-15);
    // One-step episodes that charge fully from SoC x: the energy bought, (1 − x)·C/η beyond the demand,
    // tells which group (30 or 60 kWh) the episode started in.
    FollowerProblem oneStep = new FollowerProblem(0, "a1", 0, 1, p.efficiency(), p.maxAction(), p.actionMap(),
        p.members(), p.shape(), new double[] {20, 20, 20, 20, 20, 20, 20, 20}, p.priceScaleUsdPerMwh(), p.tariff(),
        p.bounds(), new double[0], p.rewardScaleUsd(), 11);
    FollowerEnv env = new FollowerEnv(oneStep, 1);
    float[] o = new float[env.observationSize()];
    EnvStep e = new EnvStep(1, env.observationSize());
    env.reset(o);
    double price = 20 / 1000.0 + oneStep.tariff().buyAddOnUsdPerKwh();
    double demand = oneStep.members().get(0).demandKwh()[0];
    int[] starts = new int[2];
    for (int k = 0; k < 4000; k++) {
      double x = o[8];
      env.step(new float[] {1f}, e);
      double billUsd = -e.rewards[0] * oneStep.rewardScaleUsd();
      if (1 - x > 0.05) {
        double storageKwh = (billUsd / price - demand) * oneStep.efficiency() / (1 - x);
        starts[storageKwh > 45 ? 1 : 0]++;
      }
      System.arraycopy(e.observations, 0, o, 0, o.length);
    }
    double shareLarge = (double) starts[1] / (starts[0] + starts[1]);
    assertEquals(0.25, shareLarge, 0.03, "episodes start in the 60 kWh group a quarter of the time");
  }

  @Test
  void theLeaderActsPerTariffGroupAndObservesTheProsumerTariffGroupsMeanSoc() {
    World w = learnedWorld(9);
    // by-income-and-kind: prosumers at 25 000, 45 000 (p1l and p2 together), 65 000, and the consumers.
    assertEquals(4, SCENARIO.tariffGroups().size());
    assertEquals(6, GameSettings.of(SCENARIO).codec(SCENARIO).size(), "two add-ons and one charge per tariff group");
    LeaderEnv env = new LeaderEnv(w.copy(), GameSettings.of(SCENARIO).codec(SCENARIO),
        new LeaderState(0, 1, w.tariff()), GameSettings.of(SCENARIO));
    assertEquals(3 + 2 + 6, env.observationSize(), "three prosumer tariff groups' SoC, gap, ratio, tariff");
    for (int t = 0; t < 5; t++) {
      w.advance();
    }
    float[] obs = LeaderEnv.observation(w, GameSettings.of(SCENARIO).codec(SCENARIO), new LeaderState(0, 1, w.tariff()));
    double[] cohort = new double[4];
    for (int c = 0; c < 4; c++) {
      cohort[c] = w.households().cohortMeanSoc(c);
    }
    // The 45 000 $ group is p1l (200) and p2 (500), weighted by count.
    assertEquals(cohort[0], obs[0], 1e-6);
    assertEquals((200 * cohort[1] + 500 * cohort[2]) / 700, obs[1], 1e-6);
    assertEquals(cohort[3], obs[2], 1e-6);
  }
}
