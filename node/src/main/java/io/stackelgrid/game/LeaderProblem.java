package io.stackelgrid.game;

import io.stackelgrid.household.FollowerPolicy;
import io.stackelgrid.meanfield.MeanField;
import io.stackelgrid.meanfield.MeanFieldPopulation;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The state the leader's environment reads from the learning world (what {@link World#copy()}
 * carries: options, step, tariff, μ_F, beliefs, the followers' policies) and the leader's memory of
 * the last period, as plain values: it travels to another member, which rebuilds an equal world.
 */
public record LeaderProblem(WorldOptions options, int stepsDone, Tariff tariff, double[][] socByCohort,
    double[][] actionByCohort, double[][] beliefUsdPerMwh, List<PolicyParams> followers, LeaderState start)
    implements LearnerProblem {

  /** The state of {@code world} (mean field, every aggregator on a learned policy) and the leader's memory. */
  public static LeaderProblem of(World world, LeaderState start) {
    if (!(world.households() instanceof MeanFieldPopulation mf)) {
      throw new IllegalStateException("the leader's environment needs a mean-field world (seed "
          + world.options().seed() + ")");
    }
    MeanField field = mf.field();
    double[][] soc = new double[field.cohorts()][];
    double[][] action = new double[field.cohorts()][];
    for (int c = 0; c < soc.length; c++) {
      soc[c] = field.soc(c).clone();
      action[c] = field.action(c).clone();
    }
    int aggregators = world.layout().aggregatorCount();
    double[][] beliefs = new double[aggregators][];
    List<PolicyParams> followers = new ArrayList<>(aggregators);
    for (int a = 0; a < aggregators; a++) {
      beliefs[a] = world.belief().row(a);
      FollowerPolicy p = world.policy(a);
      if (!(p instanceof LearnedPolicy l) || l.params() == null) {
        throw new IllegalStateException("aggregator " + world.layout().aggregator(a).id() + " acts with " + p.name()
            + ", not a learned policy from its "
            + "parameters: the leader's world cannot travel (seed " + world.options().seed() + ", step "
            + world.step() + ")");
      }
      followers.add(l.params());
    }
    return new LeaderProblem(world.options(), world.step(), world.tariff(), soc, action, beliefs,
        List.copyOf(followers), start);
  }

  /** A world equal to the one this state came from, as far as its copies go (fresh ledgers and metrics). */
  public World world(Scenario scenario, WorldSettings settings) {
    World w = new World(scenario, settings, options, tariff);
    if (followers.size() != w.layout().aggregatorCount()) {
      throw new IllegalArgumentException("leader problem of seed " + options.seed() + ": " + followers.size()
          + " follower policies for " + w.layout().aggregatorCount() + " aggregators");
    }
    w.restore(stepsDone, socByCohort, actionByCohort, beliefUsdPerMwh);
    for (int n = 0; n < followers.size(); n++) {
      w.setPolicy(n, LearnedPolicy.of(followers.get(n)));
    }
    return w;
  }

  /** The leader's environment on a world rebuilt from this state. */
  public LeaderEnv env(Scenario scenario, WorldSettings settings, GameSettings game) {
    World w = world(scenario, settings);
    return new LeaderEnv(w, game.codec(scenario), start, game);
  }
}
