package io.stackelgrid.game;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.household.ActionMap;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.household.LmpBelief;
import io.stackelgrid.meanfield.MeanFieldPopulation;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.TariffBounds;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.World;

/**
 * Everything the representative prosumer of one bus sees in its best response (MODEL.md §6): its
 * battery, its demand per step of day, the bus's price beliefs, the tariff, μ^n to draw its start
 * SoC from, and the bus's mean-SoC path. Plain values, so it can travel in a message.
 *
 * @param actionMap how the policy's action becomes a battery move
 * @param demandKwh the prosumer's own energy per step of day before storage (ξ at its mean)
 * @param shape the prosumer shape value per step of day (an observation input)
 * @param beliefUsdPerMwh price belief per step of day (NaN if unknown: read as 0)
 * @param socMass μ^n over the SoC grid nodes j/(B−1)
 * @param busMeanSocPath mean SoC of the bus before each step of the episode
 * @param rewardScaleUsd divisor of the energy bill in the reward
 * @param seed seed of this call's start-SoC draws
 */
public record FollowerProblem(int bus, int startHour, int episodeSteps, double storageKwh,
    double efficiency, double maxAction, ActionMap actionMap, double[] demandKwh, double[] shape,
    double[] beliefUsdPerMwh, double priceScaleUsdPerMwh, Tariff tariff, TariffBounds bounds,
    double[] socMass, double[] busMeanSocPath, double rewardScaleUsd, long seed) {

  /** The problem of the aggregator at {@code bus} of {@code world}, with beliefs {@code belief}. */
  public static FollowerProblem of(World world, int bus, LmpBelief belief, double[] busMeanSocPath,
      GameSettings game, long seed) {
    Scenario s = world.scenario();
    GroupLayout layout = world.layout();
    int g = prosumerGroup(layout, bus);
    int perDay = s.clock().stepsPerDay();
    double[] demand = new double[perDay];
    double[] shape = new double[perDay];
    double[] beliefs = new double[perDay];
    for (int h = 0; h < perDay; h++) {
      demand[h] = layout.demandKwh(g, h);
      shape[h] = layout.shape(g, h);
      beliefs[h] = belief.get(bus, h);
    }
    if (!(world.households() instanceof MeanFieldPopulation mf)) {
      throw new StackelgridException("learning needs a mean-field world (bus " + bus + ")");
    }
    double[] mass = mf.field().soc(layout.groupCohort(g)).clone();
    return new FollowerProblem(bus, world.step() % perDay, game.followerEpisodeSteps(),
        layout.group(g).storageKwh(), s.households().storageEfficiency(), s.households().maxAction(),
        s.households().actionMap(), demand, shape, beliefs, world.settings().priceScaleUsdPerMwh(), world.tariff(), s.tariff(),
        mass, busMeanSocPath.clone(), game.rewardScaleUsdPerKwh() * layout.perStepKwh(), seed);
  }

  /** This problem as a message for a learner actor. */
  public io.stackelgrid.proto.FollowerProblemMsg toMessage() {
    io.stackelgrid.proto.FollowerProblemMsg.Builder b = io.stackelgrid.proto.FollowerProblemMsg.newBuilder()
        .setSchemaVersion(io.stackelgrid.proto.SchemaVersions.CURRENT).setBus(bus).setStartHour(startHour)
        .setEpisodeSteps(episodeSteps).setStorageKwh(storageKwh).setEfficiency(efficiency)
        .setMaxAction(maxAction).setFeasibleActionMap(actionMap == ActionMap.FEASIBLE)
        .setPriceScaleUsdPerMwh(priceScaleUsdPerMwh)
        .setBuyAddOnUsdPerKwh(tariff.buyAddOnUsdPerKwh()).setSellAddOnUsdPerKwh(tariff.sellAddOnUsdPerKwh())
        .setRewardScaleUsd(rewardScaleUsd).setEnvSeed(seed);
    for (int h = 0; h < demandKwh.length; h++) {
      b.addDemandKwh(demandKwh[h]).addShape(shape[h]).addBeliefUsdPerMwh(beliefUsdPerMwh[h]);
    }
    for (double f : tariff.fixedChargeUsdPerDay()) {
      b.addFixedChargeUsdPerDay(f);
    }
    for (double m : socMass) {
      b.addSocMass(m);
    }
    for (double x : busMeanSocPath) {
      b.addBusMeanSocPath(x);
    }
    return b.build();
  }

  /** The problem carried by {@code m}; {@code bounds} are the scenario's (observation scaling). */
  public static FollowerProblem fromMessage(io.stackelgrid.proto.FollowerProblemMsg m, TariffBounds bounds) {
    io.stackelgrid.proto.SchemaVersions.require(m.getSchemaVersion(), "FollowerProblemMsg", "bus " + m.getBus());
    Tariff t = new Tariff(m.getBuyAddOnUsdPerKwh(), m.getSellAddOnUsdPerKwh(), array(m.getFixedChargeUsdPerDayList()));
    return new FollowerProblem(m.getBus(), m.getStartHour(), m.getEpisodeSteps(), m.getStorageKwh(),
        m.getEfficiency(), m.getMaxAction(), m.getFeasibleActionMap() ? ActionMap.FEASIBLE : ActionMap.CLIP, array(m.getDemandKwhList()), array(m.getShapeList()),
        array(m.getBeliefUsdPerMwhList()), m.getPriceScaleUsdPerMwh(), t, bounds,
        array(m.getSocMassList()), array(m.getBusMeanSocPathList()), m.getRewardScaleUsd(), m.getEnvSeed());
  }

  private static double[] array(java.util.List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The first prosumer group at {@code bus}: the one its aggregator represents. */
  public static int prosumerGroup(GroupLayout layout, int bus) {
    for (int g = 0; g < layout.groupCount(); g++) {
      if (layout.prosumer(g) && layout.bus(g) == bus) {
        return g;
      }
    }
    throw new StackelgridException("bus " + bus + " has no prosumers: no aggregator to learn for");
  }
}
