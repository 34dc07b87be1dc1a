package io.stackelgrid.cli;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.grid.DcOpf;
import io.stackelgrid.grid.Dispatch;
import io.stackelgrid.grid.Grid;
import io.stackelgrid.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stackelgrid run}: the main job. For now it clears one day of the scenario's market with
 * households at their no-storage baseline and writes the LMPs; the game issues make it the full
 * learning run.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the main job: one day of market clearing on the scenario at baseline loads.")
public final class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = "three-bus",
      description = "Built-in scenario or HOCON file (default: ${DEFAULT-VALUE}).")
  String scenarioName;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a scenario key (repeatable).")
  java.util.List<String> overrides = new java.util.ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "results/run",
      description = "Folder for the results (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws IOException {
    Scenario scenario = io.stackelgrid.scenario.ScenarioLoader.load(scenarioName,
        io.stackelgrid.scenario.ScenarioLoader.parseOverrides(overrides));
    Grid grid = scenario.grid();
    DcOpf opf = new DcOpf(grid, scenario.dispatch());
    PrintWriter console = spec.commandLine().getOut();
    StringBuilder csv = new StringBuilder("step,hour,bus,load_" + unitColumn(grid) + ",lmp_usd_per_mwh,"
        + "energy_usd_per_mwh,congestion_usd_per_mwh,shed,spill\n");
    console.printf(Locale.ROOT, "%s: one day of market clearing at baseline household loads%n", scenario.name());
    console.printf(Locale.ROOT, "%-6s", "hour");
    for (int n = 0; n < grid.busCount(); n++) {
      console.printf(Locale.ROOT, " %12s", "LMP " + grid.busName(n));
    }
    console.println();
    int steps = scenario.clock().stepsPerDay();
    for (int h = 0; h < steps; h++) {
      Dispatch d = opf.solve(h, scenario.baselineBusLoad(h), grid.pMaxAt(h, null));
      console.printf(Locale.ROOT, "%-6d", h);
      for (int n = 0; n < grid.busCount(); n++) {
        console.printf(Locale.ROOT, " %12.4f", d.lmp()[n]);
        csv.append(String.format(Locale.ROOT, "%d,%d,%s,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g%n", h, h,
            grid.busName(n), d.load()[n], d.lmp()[n], d.energy(), d.congestion()[n], d.shed()[n],
            d.spill()[n]));
      }
      console.println();
    }
    Path file = out.resolve("dispatch-day.csv");
    writeAtomically(file, csv.toString());
    console.printf(Locale.ROOT, "wrote %s%n", file);
    return 0;
  }

  private static String unitColumn(Grid grid) {
    return grid.unit() == Grid.Unit.MW ? "mw" : "mwh";
  }

  /** Writes to a temporary name beside the target, then renames, so no half-written file remains. */
  static void writeAtomically(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StackelgridException("cannot create results folder " + dir + ": " + e.getMessage());
    }
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
