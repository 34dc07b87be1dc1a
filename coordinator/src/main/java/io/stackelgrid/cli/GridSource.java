package io.stackelgrid.cli;

import io.stackelgrid.grid.DispatchSettings;
import io.stackelgrid.grid.Grid;
import io.stackelgrid.grid.MatpowerCase;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The grid a command clears: a scenario (with overrides) or a MATPOWER case file. */
final class GridSource {
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Choice choice = new Choice();

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a scenario key (repeatable), e.g. --set dispatch.strict=true.")
  List<String> overrides = new ArrayList<>();

  static final class Choice {
    @Option(names = "--scenario", paramLabel = "NAME|FILE",
        description = "Built-in scenario (three-bus, three-bus-as-printed, three-bus-base-load) or a HOCON file (default: three-bus).")
    String scenario;

    @Option(names = "--case", paramLabel = "FILE",
        description = "A MATPOWER/PGLib case file, or a shipped case name such as case118_ieee.")
    String caseFile;
  }

  /** The scenario, or null when a case file was given. */
  Scenario scenario() {
    if (choice.caseFile != null) {
      return null;
    }
    return ScenarioLoader.load(choice.scenario == null ? "three-bus" : choice.scenario,
        ScenarioLoader.parseOverrides(overrides));
  }

  Grid caseGrid() {
    if (!overrides.isEmpty()) {
      throw new io.stackelgrid.common.StackelgridException("--set applies to scenarios, not to --case " + choice.caseFile);
    }
    return MatpowerCase.load(choice.caseFile);
  }

  static DispatchSettings caseSettings() {
    return DispatchSettings.defaults();
  }
}
