package io.stackelgrid.world;

import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import java.util.Map;

/** Small helpers to build worlds of the shipped scenario in tests. */
final class TestWorlds {
  private TestWorlds() {}

  static World world(Map<String, String> overrides, String policy, boolean meanField, boolean noise, long seed) {
    Scenario s = ScenarioLoader.load("three-bus", overrides);
    return new World(s, WorldSettings.of(s), new WorldOptions(policy, meanField, noise, seed), Tariff.initial(s));
  }
}
