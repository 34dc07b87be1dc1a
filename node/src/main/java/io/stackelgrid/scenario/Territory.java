package io.stackelgrid.scenario;

import io.stackelgrid.grid.Grid;
import io.stackelgrid.random.SplitMix64;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code territory} generator of MODEL.md §10: a utility's households laid on any case. One
 * aggregator at every bus with a load, income bands by {@code cycle} or {@code random}, the paper's
 * band compositions, household counts from the bus's load (or the paper's table), grid solar in the
 * paper's ratio, and the case as energy per step. Plain computation; the loader reads the keys.
 */
public final class Territory {
  /** How counts are set: from the case's loads, or the paper's band compositions (§3). */
  public enum Counts {
    LOAD,
    PAPER
  }

  /**
   * One income band: its prosumers' income and storage, and the paper's bus composition
   * ({@code prosumers} of {@code households}).
   */
  public record Band(String name, double prosumerIncomeUsdPerYear, double storageKwh, long prosumers,
      long households) {
    /** The prosumer share of a bus's households. */
    public double share() {
      return (double) prosumers / households;
    }
  }

  /**
   * The generator's settings (keys of the {@code territory} block).
   *
   * @param randomBands false: bands cycle low, mid, high, … in case order; true: drawn with {@code seed}
   * @param loadShare share of a bus's load that its households carry (the rest stays as base load)
   * @param solarRatio total grid solar capacity over the households' mean energy per step
   * @param consumerEquivalentStorageKwh storage each consumer counts for in S (§3)
   * @param energyPerStepFactor 1 with demand per step, 1/steps-per-day with demand per day
   */
  public record Settings(Counts counts, boolean randomBands, long seed, double loadShare, double solarRatio,
      double consumerIncomeUsdPerYear, List<Band> bands, double consumerEquivalentStorageKwh,
      double energyPerStepFactor, double populationScale) {}

  /** What the generator lays on the case: its tables, the grid per step with solar, and S. */
  public record Result(Grid grid, List<Aggregator> aggregators, List<HouseholdGroup> groups,
      double demandScaleKwh) {}

  private Territory() {}

  /**
   * The territory on {@code caseGrid} (MW, its loads Pd as read) with steps of {@code hours}.
   *
   * @param baseLoadScale multiplies the base load left at each bus (grid.base-load-scale)
   */
  public static Result generate(Grid caseGrid, double hours, double baseLoadScale, Settings s, Shapes shapes) {
    int buses = caseGrid.busCount();
    double meanConsumer = mean(shapes.consumerDemand());
    double meanProsumer = mean(shapes.prosumerNetDemand());
    List<Integer> loadBuses = new ArrayList<>();
    for (int n = 0; n < buses; n++) {
      if (caseGrid.busDemand(n) > 0) {
        loadBuses.add(n);
      }
    }
    if (loadBuses.isEmpty()) {
      throw new ScenarioException(caseGrid.source() + " has no bus with a load (Pd > 0): a territory needs one");
    }
    Band[] bandOf = new Band[buses];
    SplitMix64 draw = new SplitMix64(SplitMix64.derive(s.seed(), "territory-bands"));
    for (int i = 0; i < loadBuses.size(); i++) {
      int k = s.randomBands() ? (int) Math.floorMod(draw.nextLong(), (long) s.bands().size()) : i % s.bands().size();
      bandOf[loadBuses.get(i)] = s.bands().get(k);
    }
    double[] prosumers = new double[buses];
    double[] consumers = new double[buses];
    double scale;
    if (s.counts() == Counts.PAPER) {
      for (int n : loadBuses) {
        prosumers[n] = bandOf[n].prosumers();
        consumers[n] = bandOf[n].households() - bandOf[n].prosumers();
      }
      scale = Double.NaN;
    } else {
      // S and the counts fix each other without a loop: N_n ∝ Pd_n / k_b(n), so S is a weighted mean.
      double weights = 0;
      double storage = 0;
      for (int n : loadBuses) {
        Band b = bandOf[n];
        double w = caseGrid.busDemand(n) / shapeMean(b, meanConsumer, meanProsumer);
        weights += w;
        storage += w * ((1 - b.share()) * s.consumerEquivalentStorageKwh() + b.share() * b.storageKwh());
      }
      scale = storage / weights;
      double perStepKwh = scale * s.energyPerStepFactor();
      for (int n : loadBuses) {
        Band b = bandOf[n];
        double households = s.loadShare() * hours * caseGrid.busDemand(n) * 1000
            / (perStepKwh * shapeMean(b, meanConsumer, meanProsumer));
        long total = Math.round(households);
        long p = Math.round(b.share() * total);
        prosumers[n] = p;
        consumers[n] = total - p;
      }
    }
    List<Aggregator> aggregators = new ArrayList<>();
    List<HouseholdGroup> groups = new ArrayList<>();
    List<HouseholdGroup> consumerGroups = new ArrayList<>();
    // The base load each bus keeps, MW (copy() below makes it energy per step): a shunt's conductance,
    // and the part of Pd its households do not carry.
    double[] baseLoadMw = new double[buses];
    for (int n = 0; n < buses; n++) {
      double pd = caseGrid.busDemand(n);
      double shunt = caseGrid.busLoad(n) - pd;
      baseLoadMw[n] = baseLoadScale
          * (shunt + (bandOf[n] == null ? pd : s.counts() == Counts.PAPER ? 0 : (1 - s.loadShare()) * pd));
    }
    for (int n : loadBuses) {
      String bus = caseGrid.busName(n);
      Band b = bandOf[n];
      long p = Math.round(prosumers[n] * s.populationScale());
      long c = Math.round(consumers[n] * s.populationScale());
      if (p == 0) {
        // Too small a load for one prosumer: its consumers stay at the bus, with no aggregator to learn.
        if (c > 0) {
          consumerGroups.add(new HouseholdGroup("consumer-" + bus, HouseholdGroup.Kind.CONSUMER, -1, "", n, bus, c,
              0, s.consumerIncomeUsdPerYear(), shapes.consumerDemand()));
        }
        continue;
      }
      int a = aggregators.size();
      String id = "agg-" + bus;
      aggregators.add(new Aggregator(id, n, bus));
      groups.add(new HouseholdGroup("prosumer-" + bus, HouseholdGroup.Kind.PROSUMER, a, id, n, bus, p,
          b.storageKwh(), b.prosumerIncomeUsdPerYear(), shapes.prosumerNetDemand()));
      if (c > 0) {
        consumerGroups.add(new HouseholdGroup("consumer-" + bus, HouseholdGroup.Kind.CONSUMER, a, id, n, bus, c, 0,
            s.consumerIncomeUsdPerYear(), shapes.consumerDemand()));
      }
    }
    // Prosumer groups first, then consumers, as three-bus lists them.
    groups.addAll(consumerGroups);
    double householdScale = demandScale(groups, s.consumerEquivalentStorageKwh());
    double perStepKwh = householdScale * s.energyPerStepFactor();
    Grid.Builder grid = caseGrid.withBusLoads(baseLoadMw).copy(Grid.Unit.MWH_PER_STEP, hours);
    double[] energyMwh = new double[buses];
    double total = 0;
    for (HouseholdGroup g : groups) {
      double e = g.count() * mean(g.shape()) * perStepKwh / 1000;
      energyMwh[g.bus()] += e;
      total += e;
    }
    for (Aggregator a : aggregators) {
      int n = a.bus();
      if (energyMwh[n] > 0) {
        grid.generator("solar-" + a.busName(), a.busName(), 0, 0, 0, 0,
            s.solarRatio() * total * energyMwh[n] / total, shapes.gridSolar());
        energyMwh[n] = 0; // one unit per bus, however many aggregators it holds
      }
    }
    return new Result(grid.build(), aggregators, groups, householdScale);
  }

  /** S of §3: the households' mean storage, each consumer counted as {@code consumerKwh}. */
  static double demandScale(List<HouseholdGroup> groups, double consumerKwh) {
    double storage = 0;
    double count = 0;
    for (HouseholdGroup g : groups) {
      storage += g.count() * (g.prosumer() ? g.storageKwh() : consumerKwh);
      count += g.count();
    }
    return count == 0 ? 0 : storage / count;
  }

  /**
   * The paper's ratio of grid solar to household energy: three-bus's solar units' capacity per step
   * over its households' mean energy per step (no storage, noise at its mean).
   */
  public static double paperSolarRatio(Scenario paper) {
    Grid g = paper.grid();
    double solar = 0;
    for (int u = 0; u < g.generatorCount(); u++) {
      if (g.hasAvailabilityProfile(u)) {
        solar += g.pMax(u);
      }
    }
    double perStep = paper.households().energyScaleKwh(paper.clock().stepsPerDay());
    double energy = 0;
    for (HouseholdGroup h : paper.households().groups()) {
      energy += h.count() * mean(h.shape()) * perStep / 1000;
    }
    double toGrid = g.unit() == Grid.Unit.MW ? 1.0 / paper.clock().stepHours() : 1.0;
    return solar / (energy * toGrid);
  }

  private static double shapeMean(Band b, double meanConsumer, double meanProsumer) {
    return (1 - b.share()) * meanConsumer + b.share() * meanProsumer;
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}
