package io.stackelgrid.cluster;

import io.stackelgrid.game.GameSettings;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioDigest;
import io.stackelgrid.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A member's loaded scenarios by (scenario, overrides): its resident learners read them, so a
 * territory's generator runs once per member, not once per learner. Holds only immutable values.
 */
public final class ScenarioCache {
  private final Map<List<String>, LearnerTraining.Loaded> loaded = new ConcurrentHashMap<>();

  /** The scenario, its learning settings and digest (loaded on first use; a bad one throws naming its key). */
  LearnerTraining.Loaded load(String scenario, List<String> overrides) {
    return loaded.computeIfAbsent(key(scenario, overrides), k -> read(scenario, overrides));
  }

  /**
   * As {@link #load}, but read again from its file: a run whose scenario has another digest than the
   * one loaded here may come after the file was changed.
   */
  LearnerTraining.Loaded reload(String scenario, List<String> overrides) {
    LearnerTraining.Loaded fresh = read(scenario, overrides);
    loaded.put(key(scenario, overrides), fresh);
    return fresh;
  }

  private static List<String> key(String scenario, List<String> overrides) {
    List<String> key = new ArrayList<>();
    key.add(scenario);
    key.addAll(overrides);
    return List.copyOf(key);
  }

  private static LearnerTraining.Loaded read(String scenario, List<String> overrides) {
    Scenario s = ScenarioLoader.load(scenario, ScenarioLoader.parseOverrides(overrides));
    return new LearnerTraining.Loaded(s, GameSettings.of(s), ScenarioDigest.of(s));
  }
}
