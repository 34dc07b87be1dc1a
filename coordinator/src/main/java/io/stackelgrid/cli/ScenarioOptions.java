package io.stackelgrid.cli;

import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --scenario} and {@code --set} options of the commands that play a scenario. */
final class ScenarioOptions {
  @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = "three-bus",
      description = "Built-in scenario or a HOCON file (default: ${DEFAULT-VALUE}).")
  String scenarioName;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a scenario key (repeatable), e.g. --set learning.ppo.total-timesteps=200.")
  List<String> overrides = new ArrayList<>();

  /** The scenario with the overrides applied, in the order given. */
  Scenario load() {
    return ScenarioLoader.load(scenarioName, ScenarioLoader.parseOverrides(overrides));
  }
}
