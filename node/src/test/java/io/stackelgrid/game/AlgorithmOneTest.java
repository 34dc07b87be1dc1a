package io.stackelgrid.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.meanfield.MeanField;
import io.stackelgrid.meanfield.SocGrid;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.StepRecord;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cadence of Algorithm 1 (MODEL.md §6) on three-bus with tiny PPO budgets. */
class AlgorithmOneTest {
  static final Scenario SCENARIO = ScenarioLoader.load("three-bus", Map.of());

  /** A game of {@code days} days with 48-step best responses. */
  static StackelbergGame game(GameSettings g, int days, long seed) {
    return game(SCENARIO, g, days, seed);
  }

  /** The same on another scenario, e.g. three-bus with key overrides such as the damping. */
  static StackelbergGame game(Scenario scenario, GameSettings g, int days, long seed) {
    WorldSettings ws = WorldSettings.of(scenario);
    World world = new World(scenario, ws, new WorldOptions("baseline", true, true, seed), Tariff.initial(scenario));
    World base = new World(scenario, ws, new WorldOptions("baseline", true, true, seed), Tariff.initial(scenario));
    PpoLearner[] followers = new PpoLearner[3];
    for (int n = 0; n < 3; n++) {
      followers[n] = LearnerFactory.follower(g, seed, n,
          FollowerProblem.of(world, n, world.belief(), new double[0], g, 0));
    }
    PpoLearner leader = LearnerFactory.leader(g, seed, new LeaderEnv(world.copy(), g.codec(scenario),
        new LeaderState(0, 1, world.tariff()), g));
    LocalBestResponses learners = new LocalBestResponses(followers, leader, g.budgetSteps(), seed, m -> {},
        p -> p.env(scenario, ws, g));
    return new StackelbergGame(world, base, g, learners, seed, days * 8);
  }

  static GameSettings tiny() {
    return GameSettings.of(SCENARIO).withBudget(48, 48, 24).withLearnEveryStep(false);
  }

  @Test
  void tariffChangesOnlyAtPeriodBoundariesAndAggregatorsActEveryStep() {
    StackelbergGame g = game(tiny().withTolerances(1, 0.01, 0.0), 7, 3);
    List<Tariff> inForce = new ArrayList<>();
    List<StepRecord> steps = new ArrayList<>();
    List<StackelbergGame.PeriodResult> periods = new ArrayList<>();
    while (!g.done()) {
      periods.add(g.playPeriod((a, b, t) -> {
        inForce.add(t);
        steps.add(a);
      }));
    }
    assertEquals(56, steps.size());
    assertEquals(3, periods.size(), "7 days = periods of 3, 3 and 1 days");
    assertEquals(1.0, periods.get(2).learning().days(), 1e-12);
    for (int t = 0; t < steps.size(); t++) {
      assertEquals(t, steps.get(t).step());
      if (t % 24 != 0) {
        assertEquals(inForce.get(t - 1), inForce.get(t), "tariff changed inside a period at step " + t);
      }
      assertEquals(periods.get(t / 24).info().tariff(), inForce.get(t));
    }
    assertNotEquals(inForce.get(0), Tariff.initial(SCENARIO), "the leader installs its own tariff");
    assertNotEquals(inForce.get(23), inForce.get(24), "a new leader best response at day 3");
    // Aggregators act every step: the learned (non-zero) policies move the SoC in every step.
    for (int t = 1; t < steps.size(); t++) {
      assertNotEquals(steps.get(t - 1).meanSoc()[0], steps.get(t).meanSoc()[0], 0.0, "no action at step " + t);
    }
    for (StackelbergGame.PeriodResult p : periods) {
      assertEquals(1, p.info().innerIterations(), "the cap of 1 iteration");
    }
  }

  /** A period's steps go out as one batch; one failing inside it loses none of the steps before. */
  @Test
  void aStepFailingInsideABatchStopsThePeriodAfterReportingTheStepsBeforeIt() {
    StackelbergGame g = game(tiny().withTolerances(1, 0.01, 0.0), 3, 5);
    RealSteps local = RealSteps.local(g.world());
    g.setRealSteps(new RealSteps() {
      @Override
      public Played play(PolicyParams[] policies, boolean closesPeriod) {
        if (g.world().step() == 5) {
          throw new StackelgridException("step 5: the dispatch failed (test)");
        }
        return local.play(policies, closesPeriod);
      }

      @Override
      public void sync() {}

      @Override
      public int stepsDone() {
        return local.stepsDone();
      }
    });
    List<StepRecord> steps = new ArrayList<>();
    StackelgridException e = assertThrows(StackelgridException.class,
        () -> g.playPeriod((a, b, t) -> steps.add(a)));
    assertTrue(e.getMessage().contains("step 5"), e.getMessage());
    assertEquals(5, steps.size(), "the steps before the failing one reach the listener");
    for (int t = 0; t < steps.size(); t++) {
      assertEquals(t, steps.get(t).step());
    }
  }

  @Test
  void innerLoopStopsAtItsCapOrAtTolerance() {
    StackelbergGame capped = game(tiny().withTolerances(3, 0.0, 0.0), 3, 4);
    StackelbergGame.PeriodResult r = capped.playPeriod(null);
    assertEquals(3, r.info().innerIterations(), "tolerance 0 is never met: the cap stops the loop");
    assertTrue(r.info().innerDistance() > 0);
    StackelbergGame loose = game(tiny().withTolerances(3, 1e9, 0.0), 3, 4);
    assertEquals(1, loose.playPeriod(null).info().innerIterations(), "any distance is within 1e9");
  }

  @Test
  void learningFreezesOnceTheTariffSettles() {
    // Any tariff change is within a freeze tolerance of 100 (the normalised L1 is at most 8).
    StackelbergGame g = game(tiny().withTolerances(1, 0.01, 100), 9, 5);
    StackelbergGame.PeriodResult first = g.playPeriod(null);
    assertFalse(first.info().frozen());
    assertTrue(g.frozen());
    StackelbergGame.PeriodResult second = g.playPeriod(null);
    StackelbergGame.PeriodResult third = g.playPeriod(null);
    assertTrue(second.info().frozen());
    assertEquals(0, second.info().innerIterations());
    assertEquals(first.info().tariff(), second.info().tariff());
    assertEquals(first.info().tariff(), third.info().tariff());
    assertEquals(0.0, third.info().tariffChange());
  }

  @Test
  void followersLearnAfterEveryRealStepWhenAsked() {
    StackelbergGame g = game(tiny().withTolerances(2, 0.0, 0.0).withLearnEveryStep(true), 3, 7);
    g.playPeriod(null);
    // 2 inner iterations, then one best response after each of the first 23 real steps.
    assertEquals(2 + 23, g.followerCalls());
  }

  @Test
  void baselineWorldSharesTheDrawsButNotTheStorage() {
    StackelbergGame g = game(tiny().withTolerances(1, 0.01, 0.0), 3, 6);
    List<StepRecord[]> pairs = new ArrayList<>();
    g.playPeriod((a, b, t) -> pairs.add(new StepRecord[] {a, b}));
    for (StepRecord[] p : pairs) {
      // Common random numbers: the same solar availability in both worlds.
      assertEquals(p[0].solarAvailableMwh()[2], p[1].solarAvailableMwh()[2], 0.0);
      // The baseline's prosumers never touch their batteries (uniform SoC, mean 1/2).
      assertEquals(0.5, p[1].meanSoc()[0], 1e-12);
    }
  }

  @Test
  void dampingMixesEachInnerIterateWithThePreviousOne() {
    // With one inner iteration both games train the same best responses against the same first shadow;
    // the damped iterate moves β of the way, so the inner loop's distance is β times the undamped one.
    Scenario damped = ScenarioLoader.load("three-bus", Map.of("mean-field.damping", "0.5"));
    GameSettings g = tiny().withTolerances(1, 0.0, 0.0);
    StackelbergGame plain = game(g, 3, 5);
    StackelbergGame half = game(damped, g, 3, 5);
    double full = plain.playPeriod((a, b, t) -> {}).info().innerDistance();
    double mixed = half.playPeriod((a, b, t) -> {}).info().innerDistance();
    assertTrue(full > 0.01, "the followers moved μ: " + full);
    assertEquals(0.5 * full, mixed, 1e-9 * full);
  }

  @Test
  void aDampedIterateKeepsMassAndItsSocPathIsTheMixedFieldsMean() {
    World w = new World(SCENARIO, WorldSettings.of(SCENARIO), new WorldOptions("baseline", true, true, 1),
        Tariff.initial(SCENARIO));
    SocGrid grid = new SocGrid(50);
    MeanField low = MeanField.point(grid, 3, 5, 0.2);
    MeanField high = MeanField.uniform(grid, 3, 5);
    StackelbergGame.Shadow before = new StackelbergGame.Shadow(w, List.of(low),
        List.of(new double[] {low.meanSoc(grid, 0), low.meanSoc(grid, 1), low.meanSoc(grid, 2)}));
    StackelbergGame.Shadow after = new StackelbergGame.Shadow(w, List.of(high),
        List.of(new double[] {high.meanSoc(grid, 0), high.meanSoc(grid, 1), high.meanSoc(grid, 2)}));
    assertTrue(StackelbergGame.damped(before, after, 1.0) == after, "β = 1 is no damping");
    StackelbergGame.Shadow mixed = StackelbergGame.damped(before, after, 0.25);
    for (int c = 0; c < 3; c++) {
      assertEquals(1.0, mixed.fields().get(0).mass(c), 1e-12, "mass of cohort " + c);
      assertEquals(mixed.fields().get(0).meanSoc(grid, c), mixed.socPaths().get(0)[c], 1e-12);
      assertEquals(0.75 * 0.2 + 0.25 * 0.5, mixed.socPaths().get(0)[c], 1e-9);
    }
  }
}
