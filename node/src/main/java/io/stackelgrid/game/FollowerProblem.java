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
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the representative prosumer of one aggregator sees in its best response (MODEL.md §6,
 * §10): its batteries (one member per prosumer group the aggregator holds, weighted by count), their
 * demand per step of day, the aggregator's price beliefs, the tariff, μ of each group to draw a start
 * SoC from, and the bus's mean-SoC path. Plain values, so it can travel in a message.
 *
 * @param aggregator the aggregator's position in the scenario's table (its learner's seed derives from it)
 * @param aggregatorId the aggregator's id (errors name it)
 * @param actionMap how the policy's action becomes a battery move
 * @param members the prosumer groups the policy acts for
 * @param shape the representative prosumer's shape value per step of day (an observation input)
 * @param beliefUsdPerMwh price belief per step of day (NaN if unknown: read as 0)
 * @param busMeanSocPath mean SoC of the bus before each step of the episode
 * @param rewardScaleUsd divisor of the energy bill in the reward
 * @param seed seed of this call's start draws
 */
public record FollowerProblem(int aggregator, String aggregatorId, int startHour, int episodeSteps, double efficiency,
    double maxAction, ActionMap actionMap, List<Member> members, double[] shape, double[] beliefUsdPerMwh,
    double priceScaleUsdPerMwh, Tariff tariff, TariffBounds bounds, double[] busMeanSocPath, double rewardScaleUsd,
    long seed) implements LearnerProblem {

  public FollowerProblem {
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new StackelgridException("aggregator " + aggregatorId + " has no prosumer group to learn for");
    }
  }

  /**
   * One prosumer group of the aggregator.
   *
   * @param weight its share of the aggregator's prosumers (episodes start in it that often)
   * @param demandKwh a prosumer's own energy per step of day before storage (ξ at its mean)
   * @param socMass μ of the group over the SoC grid nodes j/(B−1)
   */
  public record Member(double storageKwh, double weight, double[] demandKwh, double[] socMass) {}

  /** Steps of a day (the length of every per-step-of-day array). */
  public int stepsPerDay() {
    return shape.length;
  }

  /** The problem of aggregator {@code a} of {@code world}, with beliefs {@code belief}. */
  public static FollowerProblem of(World world, int a, LmpBelief belief, double[] busMeanSocPath,
      GameSettings game, long seed) {
    Scenario s = world.scenario();
    GroupLayout layout = world.layout();
    if (!(world.households() instanceof MeanFieldPopulation mf)) {
      throw new StackelgridException("learning needs a mean-field world (aggregator " + layout.aggregator(a).id()
          + ")");
    }
    int perDay = s.clock().stepsPerDay();
    int[] cohorts = layout.aggregatorCohorts(a);
    long total = 0;
    for (int c : cohorts) {
      total += layout.count(layout.cohortGroup(c));
    }
    List<Member> members = new ArrayList<>(cohorts.length);
    for (int c : cohorts) {
      int g = layout.cohortGroup(c);
      double[] demand = new double[perDay];
      for (int h = 0; h < perDay; h++) {
        demand[h] = layout.demandKwh(g, h);
      }
      double weight = total == 0 ? 1.0 / cohorts.length : (double) layout.count(g) / total;
      members.add(new Member(layout.group(g).storageKwh(), weight, demand, mf.field().soc(c).clone()));
    }
    double[] shape = new double[perDay];
    double[] beliefs = new double[perDay];
    for (int h = 0; h < perDay; h++) {
      shape[h] = layout.aggregatorShape(a, h);
      beliefs[h] = belief.get(a, h);
    }
    return new FollowerProblem(a, layout.aggregator(a).id(), world.step() % perDay, game.followerEpisodeSteps(),
        s.households().storageEfficiency(), s.households().maxAction(), s.households().actionMap(), members, shape,
        beliefs, world.settings().priceScaleUsdPerMwh(), world.tariff(), s.tariff(), busMeanSocPath.clone(),
        game.rewardScaleUsdPerKwh() * layout.perStepKwh(), seed);
  }
}
