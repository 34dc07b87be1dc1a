package io.stackelgrid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.grid.DcOpf;
import io.stackelgrid.grid.Dispatch;
import io.stackelgrid.grid.DispatchSettings;
import io.stackelgrid.grid.Grid;
import io.stackelgrid.scenario.Scenario;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stackelgrid dispatch}: clears one step's DC-OPF and prints LMPs, outputs and flows. */
@Command(name = "dispatch", mixinStandardHelpOptions = true,
    description = "Clear one step of the market (DC optimal power flow) and print LMPs, generation and flows.")
public final class DispatchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  GridSource source = new GridSource();

  @Option(names = "--load", paramLabel = "BUS=MW",
      description = "Replace a bus's total load (repeatable; MWh/step on three-bus, MW on cases). Not scaled by --load-scale.")
  List<String> loads = new ArrayList<>();

  @Option(names = "--load-scale", paramLabel = "F", defaultValue = "1",
      description = "Multiply every bus load by F (default: ${DEFAULT-VALUE}).")
  double loadScale;

  @Option(names = "--hour", paramLabel = "H", defaultValue = "6",
      description = "Step of day 0-7 (3-hour steps from 00:00): selects the solar factor and the household shapes of a scenario (default: ${DEFAULT-VALUE}, 18:00-21:00).")
  int hour;

  @Option(names = "--strict", description = "Treat any load shed or spill as an error.")
  boolean strict;

  @Option(names = "--json", description = "Print one JSON object instead of tables.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Scenario scenario = source.scenario();
    Grid grid;
    double[] busLoad;
    double[] pMax;
    DispatchSettings settings;
    if (scenario != null) {
      if (hour < 0 || hour >= scenario.clock().stepsPerDay()) {
        throw new StackelgridException("--hour " + hour + ": a step of day is 0 to "
            + (scenario.clock().stepsPerDay() - 1));
      }
      grid = scenario.grid();
      busLoad = scenario.baselineBusLoad(hour);
      pMax = grid.pMaxAt(hour, null);
      settings = scenario.dispatch();
    } else {
      grid = source.caseGrid();
      busLoad = grid.busLoads();
      pMax = null;
      settings = source.caseSettings();
    }
    if (!(loadScale >= 0) || !Double.isFinite(loadScale)) {
      throw new StackelgridException("--load-scale " + loadScale + ": must be a finite number >= 0");
    }
    for (int n = 0; n < busLoad.length; n++) {
      busLoad[n] *= loadScale;
    }
    for (String spec : loads) {
      int eq = spec.indexOf('=');
      String bus = eq > 0 ? spec.substring(0, eq).trim() : "";
      int n = grid.busIndex(bus);
      if (n < 0) {
        throw new StackelgridException("--load " + spec + ": no bus '" + bus + "' in " + grid.source()
            + " (buses: " + abbreviate(grid.busNames()) + ")");
      }
      try {
        busLoad[n] = Double.parseDouble(spec.substring(eq + 1).trim());
      } catch (NumberFormatException e) {
        throw new StackelgridException("--load " + spec + ": '" + spec.substring(eq + 1) + "' is not a number");
      }
    }
    if (strict) {
      settings = settings.withStrict(true);
    }
    Dispatch d = new DcOpf(grid, settings).solve(hour, busLoad, pMax);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      out.println(mapper.writeValueAsString(toJson(grid, d)));
    } else {
      printTables(out, grid, d, scenario == null ? grid.source() : scenario.name() + " (hour " + hour + ")");
    }
    return 0;
  }

  /** The JSON object of the issue: lmp, energy, congestion, generation, flows, cost, shed, spill. */
  static Map<String, Object> toJson(Grid grid, Dispatch d) {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Double> lmp = new LinkedHashMap<>();
    Map<String, Double> energy = new LinkedHashMap<>();
    Map<String, Double> congestion = new LinkedHashMap<>();
    Map<String, Double> shed = new LinkedHashMap<>();
    Map<String, Double> spill = new LinkedHashMap<>();
    for (int n = 0; n < grid.busCount(); n++) {
      String bus = grid.busName(n);
      lmp.put(bus, d.lmp()[n]);
      energy.put(bus, d.energy());
      congestion.put(bus, d.congestion()[n]);
      shed.put(bus, d.shed()[n]);
      spill.put(bus, d.spill()[n]);
    }
    Map<String, Double> generation = new LinkedHashMap<>();
    for (int g = 0; g < grid.generatorCount(); g++) {
      generation.put(grid.generatorName(g), d.generation()[g]);
    }
    Map<String, Double> flows = new LinkedHashMap<>();
    for (int l = 0; l < grid.lineCount(); l++) {
      flows.put(grid.lineName(l), d.flow()[l]);
    }
    root.put("lmp", lmp);
    root.put("energy", energy);
    root.put("congestion", congestion);
    root.put("generation", generation);
    root.put("flows", flows);
    root.put("cost", d.cost());
    root.put("shed", shed);
    root.put("spill", spill);
    root.put("unit", grid.unit().label);
    return root;
  }

  private static void printTables(PrintWriter out, Grid grid, Dispatch d, String title) {
    String u = grid.unit().label;
    out.printf(Locale.ROOT, "%s: %s%n", title, grid);
    out.printf(Locale.ROOT, "cost %.4f %s   energy price (reference bus %s) %.4f $/MWh%n%n",
        d.cost(), grid.unit().costLabel, grid.busName(grid.referenceBus()), d.energy());
    out.printf(Locale.ROOT, "%-8s %12s %12s %12s %12s %10s %10s%n", "bus", "load " + u, "LMP $/MWh",
        "energy", "congestion", "shed", "spill");
    for (int n = 0; n < grid.busCount(); n++) {
      out.printf(Locale.ROOT, "%-8s %12.4f %12.4f %12.4f %12.4f %10.4f %10.4f%n", grid.busName(n),
          d.load()[n], d.lmp()[n], d.energy(), d.congestion()[n], d.shed()[n], d.spill()[n]);
    }
    out.printf(Locale.ROOT, "%n%-8s %-8s %12s%n", "gen", "bus", "output " + u);
    for (int g = 0; g < grid.generatorCount(); g++) {
      out.printf(Locale.ROOT, "%-8s %-8s %12.4f%n", grid.generatorName(g),
          grid.busName(grid.generatorBus(g)), d.generation()[g]);
    }
    out.printf(Locale.ROOT, "%n%-8s %-16s %12s %12s %s%n", "line", "from -> to", "flow " + u, "limit", "");
    for (int l = 0; l < grid.lineCount(); l++) {
      double rate = grid.lineRate(l);
      out.printf(Locale.ROOT, "%-8s %-16s %12.4f %12s %s%n", grid.lineName(l),
          grid.busName(grid.lineFrom(l)) + " -> " + grid.busName(grid.lineTo(l)), d.flow()[l],
          Double.isFinite(rate) ? String.format(Locale.ROOT, "%.2f", rate) : "-",
          d.lineBinding()[l] ? "binding" : "");
    }
  }

  private static String abbreviate(List<String> names) {
    return names.size() <= 10 ? String.join(", ", names)
        : String.join(", ", names.subList(0, 10)) + ", ... (" + names.size() + " buses)";
  }
}
