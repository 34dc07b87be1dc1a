package io.stackelgrid.cli;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.metrics.AggregateGap;
import io.stackelgrid.results.SimulationWriter;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.Policies;
import io.stackelgrid.world.Simulation;
import io.stackelgrid.world.SimulationResult;
import io.stackelgrid.world.StepRecord;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stackelgrid simulate}: plays a world under fixed follower policies and a fixed tariff (no learning). */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Simulate the world without learning (MODEL.md sections 1-5): households with storage under a "
        + "fixed policy and tariff, a DC-OPF every step; writes steps.csv, periods.csv and summary.json.")
public final class SimulateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ScenarioOptions scenarioOptions = new ScenarioOptions();

  @Option(names = "--policy", paramLabel = "baseline|rule", defaultValue = "baseline",
      description = "Follower policy: baseline (no storage use) or rule (charge in the day's cheapest "
          + "quarter of belief prices, discharge in the dearest) (default: ${DEFAULT-VALUE}).")
  String policy;

  @Option(names = "--tariff", paramLabel = "initial|FILE", defaultValue = "initial",
      description = "The scenario's initial tariff, or a JSON/HOCON file with buy-add-on-usd-per-kwh, "
          + "sell-add-on-usd-per-kwh and fixed-charge-usd-per-day per group (default: ${DEFAULT-VALUE}).")
  String tariffSpec;

  @Option(names = "--days", paramLabel = "D", description = "Days to simulate (default: the scenario's clock.days).")
  Integer days;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of every draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-noise", description = "Set every triangular draw to its mode (the deterministic expectation).")
  boolean noNoise;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Mode mode = new Mode();

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the result files.")
  Path out;

  /** Mean field (default) or N real households. */
  static final class Mode {
    @Option(names = "--mean-field", description = "Households as a mean field (the default).")
    boolean meanField;

    @Option(names = "--households", paramLabel = "N",
        description = "Simulate N households one by one, sampled from the scenario's groups; each stands for "
            + "(group count)/(its simulated count) real ones, so the grid sees the scenario's population.")
    Long households;
  }

  @Override
  public Integer call() {
    Policies.check(policy);
    if (days != null && days <= 0) {
      throw new StackelgridException("--days must be a positive number, got " + days);
    }
    if (seed < 0) {
      throw new StackelgridException("--seed " + seed + ": a seed is 0 to " + Long.MAX_VALUE);
    }
    Scenario scenario = scenarioOptions.load();
    boolean finite = mode.households != null;
    double sampleFraction = 1.0;
    if (finite) {
      if (mode.households <= 0) {
        throw new StackelgridException("--households must be a positive number, got " + mode.households);
      }
      long total = scenario.households().totalCount();
      if (total == 0) {
        throw new StackelgridException("--households: scenario " + scenario.origin() + " has no households to scale");
      }
      sampleFraction = (double) mode.households / total;
    }
    int runDays = days != null ? days : scenario.clock().days();
    Tariff tariff = tariffSpec.equals("initial") ? Tariff.initial(scenario) : Tariff.read(new File(tariffSpec), scenario);
    WorldSettings settings = WorldSettings.of(scenario);
    boolean noise = !noNoise;
    World world = new World(scenario, settings, new WorldOptions(policy, !finite, noise, seed, sampleFraction), tariff);

    io.stackelgrid.results.AtomicFiles.requireWritableFolder(out, "--out");
    try (io.stackelgrid.results.FolderLock lock = io.stackelgrid.results.FolderLock.take(out, "--out",
        "stackelgrid simulate")) {
      return simulate(scenario, world, settings, tariff, runDays, finite, noise);
    }
  }

  private int simulate(Scenario scenario, World world, WorldSettings settings, Tariff tariff, int runDays,
      boolean finite, boolean noise) {
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = Progress.forConsole(err, "simulate", (long) runDays * scenario.clock().stepsPerDay());
    SimulationResult result = Simulation.run(world, runDays, (r, total) -> progress.update(r.step() + 1L));
    progress.finish();

    Double gap = null;
    if (finite) {
      // The same run as a mean field, for the finite-N vs MF aggregate gap (MODEL.md §8).
      World mf = new World(scenario, settings, new WorldOptions(policy, true, noise, seed), tariff);
      gap = AggregateGap.relativeRms(busEnergy(result), busEnergy(Simulation.run(mf, runDays, null)));
    }
    SimulationWriter.write(out, scenario, result, new SimulationWriter.RunInfo(policy,
        finite ? "finite-n" : "mean-field", finite ? mode.households : scenario.households().totalCount(), noise, seed, runDays, tariff, gap));
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(java.util.Locale.ROOT, "simulate: %d days of %s (%s, policy %s, seed %d): IMV of the last %d days %.3f $/MWh, "
            + "EEI gap %.3f pp, revenue ratio %.3f; results in %s%n",
        runDays, scenario.name(), finite ? "finite N" : "mean field", policy, seed, result.imvDays(),
        result.imvLastDaysSystemUsdPerMwh(), result.eeiGapPp(), result.revenueRatio(), out);
    stdout.flush();
    return 0;
  }

  private static double[][] busEnergy(SimulationResult r) {
    int buses = r.steps().get(0).householdNetKwh().length;
    double[][] out = new double[buses][r.steps().size()];
    for (int t = 0; t < r.steps().size(); t++) {
      StepRecord s = r.steps().get(t);
      for (int n = 0; n < buses; n++) {
        out[n][t] = s.householdNetKwh()[n];
      }
    }
    return out;
  }
}
