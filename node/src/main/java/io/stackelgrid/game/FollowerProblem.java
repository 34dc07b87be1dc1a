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
    double[] socMass, double[] busMeanSocPath, double rewardScaleUsd, long seed) implements LearnerProblem {

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
