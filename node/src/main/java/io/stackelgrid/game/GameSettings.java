package io.stackelgrid.game;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.ppo.PpoConfig;
import io.stackelgrid.scenario.Scenario;
import java.util.List;

/**
 * The {@code learning} section of a scenario (MODEL.md §6): inner loop, freezing, follower and
 * leader environments, and the PPO configurations of both sides.
 *
 * @param innerMaxIterations cap on follower best responses per period
 * @param innerTolerance stop when max_t Σ_n ‖μ^{τ+1}_t − μ^τ_t‖₁ is at most this
 * @param freezeTolerance freeze once the normalised L1 change of the tariff is at most this
 * @param learnEveryStep followers also run BR_F after every real step
 * @param followerEpisodeSteps steps of the representative prosumer's episode
 * @param rewardScaleUsdPerKwh follower reward divisor per kWh of S/steps-per-day
 * @param leaderEpisodePeriods periods per leader episode
 * @param revenuePenalty weight of the revenue shortfall in the leader's reward
 * @param leaderReward what the leader's reward measures (gap, spread or both)
 * @param leaderActionCentre the tariff the leader's action a = 0 stands for
 * @param leaderEnvCopies K: copies of the leader's environment each rollout is collected from
 *     (MODEL.md §10); divides the leader's n-steps
 * @param budgetSteps environment steps asked of one best-response call (total-timesteps)
 */
public record GameSettings(int innerMaxIterations, double innerTolerance, double freezeTolerance,
    boolean learnEveryStep, int followerEpisodeSteps, double rewardScaleUsdPerKwh,
    int leaderEpisodePeriods, double revenuePenalty, LeaderReward leaderReward,
    TariffCodec.Centre leaderActionCentre, int leaderEnvCopies, long budgetSteps, PpoConfig follower,
    PpoConfig leader) {

  /** Reads {@code learning.*} of {@code scenario}; errors name the scenario and key. */
  public static GameSettings of(Scenario scenario) {
    Config c = scenario.config();
    try {
      Config l = c.getConfig("learning");
      PpoConfig ppo = PpoConfig.defaults()
          .with("engine", l.getString("engine"))
          .with("learning-rate", l.getDouble("ppo.learning-rate"))
          .with("gamma", l.getDouble("ppo.gamma"))
          .with("ent-coef", l.getDouble("ppo.ent-coef"))
          .with("batch-size", l.getInt("ppo.batch-size"))
          .with("epochs", l.getInt("ppo.n-epochs"))
          .with("rollout-steps", l.getInt("ppo.n-steps"))
          .with("clip-range", l.getDouble("ppo.clip-range"))
          .with("gae-lambda", l.getDouble("ppo.gae-lambda"))
          .with("vf-coef", l.getDouble("ppo.vf-coef"))
          .with("max-grad-norm", l.getDouble("ppo.max-grad-norm"))
          .with("normalize-advantage", l.getBoolean("ppo.normalize-advantage"))
          .with("log-std-init", l.getDouble("ppo.log-std-init"));
      List<Integer> fh = l.getIntList("follower.hidden");
      List<Integer> lh = l.getIntList("leader.hidden");
      GameSettings s = new GameSettings(
          l.getInt("inner-loop.max-iterations"),
          l.getDouble("inner-loop.tolerance"),
          l.getDouble("freeze-tolerance"),
          l.getBoolean("follower.learn-every-step"),
          l.getInt("follower.episode-steps"),
          l.getDouble("follower.reward-scale-usd-per-kwh"),
          l.getInt("leader.episode-periods"),
          l.getDouble("leader.revenue-penalty"),
          named(l, "leader.reward", LeaderReward.byKey(l.getString("leader.reward")), "gap, spread or gap+spread",
              scenario.origin()),
          named(l, "leader.action-centre", TariffCodec.Centre.byKey(l.getString("leader.action-centre")),
              "initial or midpoint", scenario.origin()),
          l.getInt("leader.env-copies"),
          l.getLong("ppo.total-timesteps"),
          ppo.with("hidden", fh),
          ppo.with("hidden", lh));
      s.check(scenario.origin());
      return s;
    } catch (ConfigException e) {
      throw new StackelgridException("scenario " + scenario.origin() + ": learning section: " + e.getMessage(), e);
    }
  }

  /** This configuration with a different best-response budget and rollout length (fast tests, --set). */
  public GameSettings withBudget(long steps, int rolloutSteps, int batchSize) {
    GameSettings s = new GameSettings(innerMaxIterations, innerTolerance, freezeTolerance, learnEveryStep,
        followerEpisodeSteps, rewardScaleUsdPerKwh, leaderEpisodePeriods, revenuePenalty, leaderReward,
        leaderActionCentre, leaderEnvCopies, steps,
        follower.with("rollout-steps", rolloutSteps).with("batch-size", batchSize),
        leader.with("rollout-steps", rolloutSteps).with("batch-size", batchSize));
    s.checkEnvCopies("budget override");
    return s;
  }

  /** This configuration with follower learning after every real step switched on or off. */
  public GameSettings withLearnEveryStep(boolean on) {
    return new GameSettings(innerMaxIterations, innerTolerance, freezeTolerance, on,
        followerEpisodeSteps, rewardScaleUsdPerKwh, leaderEpisodePeriods, revenuePenalty,
        leaderReward, leaderActionCentre, leaderEnvCopies, budgetSteps, follower, leader);
  }

  /** This configuration with another inner-loop cap and tolerance and freeze tolerance. */
  public GameSettings withTolerances(int maxIterations, double inner, double freeze) {
    return new GameSettings(maxIterations, inner, freeze, learnEveryStep, followerEpisodeSteps,
        rewardScaleUsdPerKwh, leaderEpisodePeriods, revenuePenalty, leaderReward, leaderActionCentre,
        leaderEnvCopies, budgetSteps, follower, leader);
  }

  /** The tariff codec of this configuration for {@code scenario}'s bounds and tariff groups. */
  public TariffCodec codec(Scenario scenario) {
    return new TariffCodec(scenario.tariff(), scenario.tariffGroups().size(), leaderActionCentre);
  }

  /** A named choice, or a one-line error naming the file, line and key. */
  private static <T> T named(Config learning, String key, T value, String allowed, String origin) {
    if (value == null) {
      int line = learning.getValue(key).origin().lineNumber();
      throw new StackelgridException(origin + (line > 0 ? ":" + line : "") + ": learning." + key + ": must be "
          + allowed + ", got '" + learning.getString(key) + "'");
    }
    return value;
  }

  private void check(String origin) {
    require(innerMaxIterations >= 1, origin, "learning.inner-loop.max-iterations", innerMaxIterations);
    require(innerTolerance >= 0, origin, "learning.inner-loop.tolerance", innerTolerance);
    require(freezeTolerance >= 0, origin, "learning.freeze-tolerance", freezeTolerance);
    require(followerEpisodeSteps >= 1, origin, "learning.follower.episode-steps", followerEpisodeSteps);
    require(rewardScaleUsdPerKwh > 0, origin, "learning.follower.reward-scale-usd-per-kwh", rewardScaleUsdPerKwh);
    require(leaderEpisodePeriods >= 1, origin, "learning.leader.episode-periods", leaderEpisodePeriods);
    require(revenuePenalty >= 0, origin, "learning.leader.revenue-penalty", revenuePenalty);
    require(budgetSteps >= 1, origin, "learning.ppo.total-timesteps", budgetSteps);
    checkEnvCopies(origin);
  }

  /** K ≥ 1 copies of the leader's environment, each collecting a whole n-steps/K of every rollout. */
  private void checkEnvCopies(String origin) {
    if (leaderEnvCopies < 1 || leader.rolloutSteps() % leaderEnvCopies != 0) {
      throw new StackelgridException("scenario " + origin + ": learning.leader.env-copies = " + leaderEnvCopies
          + (leaderEnvCopies < 1 ? " must be at least 1" : " does not divide learning.ppo.n-steps = "
              + leader.rolloutSteps()) + " (each copy collects n-steps/env-copies of every leader rollout)");
    }
  }

  private static void require(boolean ok, String origin, String key, Object value) {
    if (!ok) {
      throw new StackelgridException("scenario " + origin + ": " + key + " has an invalid value " + value);
    }
  }
}
