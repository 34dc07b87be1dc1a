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
        description = "Built-in scenario (three-bus, three-bus-as-printed, three-bus-base-load, three-bus-daily-demand, "
            + "case118-territory) or a HOCON file (default: three-bus).")
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
    return MatpowerCase.load(choice.caseFile);
  }

  /**
   * Dispatch settings for a case file: the built-in scenario's {@code dispatch} section (so VOLL,
   * spill cost and tolerances live in one place), with {@code --set dispatch.*} overrides.
   */
  DispatchSettings caseSettings() {
    for (String o : overrides) {
      if (!o.startsWith("dispatch.")) {
        throw new io.stackelgrid.common.StackelgridException("--set " + o
            + ": with --case only dispatch.* keys apply (the case file is the grid)");
      }
    }
    return ScenarioLoader.load("three-bus", ScenarioLoader.parseOverrides(overrides)).dispatch();
  }
}
