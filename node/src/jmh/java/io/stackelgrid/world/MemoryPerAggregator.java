package io.stackelgrid.world;

import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.game.LearnedPolicy;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Heap held per aggregator: a mean-field world (μ, beliefs, plans, the DC-OPF) and a follower's
 * PPO learner (networks, Adam moments, rollout buffers at the paper's budgets), measured as the
 * used heap after full collections, on three-bus and case118-territory. Not a JMH benchmark: run
 * its main on the test classpath (docs/PERFORMANCE.md).
 */
public final class MemoryPerAggregator {
  private MemoryPerAggregator() {}

  public static void main(String[] args) {
    for (String name : List.of("three-bus", "case118-territory")) {
      Scenario s = ScenarioLoader.load(name, Map.of());
      GameSettings g = GameSettings.of(s);
      long before = usedAfterGc();
      World w = new World(s, WorldSettings.of(s), new WorldOptions("baseline", true, true, 1), Tariff.initial(s));
      for (int t = 0; t < 8; t++) {
        w.advance(); // a day, so beliefs, plans and the DC-OPF's buffers exist
      }
      long world = usedAfterGc() - before;
      int aggregators = w.layout().aggregatorCount();
      List<PpoLearner> learners = new ArrayList<>();
      before = usedAfterGc();
      for (int a = 0; a < aggregators; a++) {
        FollowerProblem p = FollowerProblem.of(w, a, w.belief(), new double[0], g, 0);
        PpoLearner l = LearnerFactory.follower(g, 1, a, p);
        l.learn(g.budgetSteps()); // one best response, so every buffer has been allocated
        learners.add(l);
      }
      long learnersBytes = usedAfterGc() - before;
      System.out.printf("%s: %d aggregators; world %.0f kB (%.1f kB per aggregator); follower learners "
          + "%.0f kB (%.1f kB each)%n", name, aggregators, world / 1e3, world / 1e3 / aggregators,
          learnersBytes / 1e3, learnersBytes / 1e3 / aggregators);
      w.setPolicy(0, LearnedPolicy.of(learners.get(0).exportParams())); // keep both reachable until here
      learners.forEach(PpoLearner::close);
    }
  }

  private static long usedAfterGc() {
    Runtime r = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return r.totalMemory() - r.freeMemory();
  }
}
