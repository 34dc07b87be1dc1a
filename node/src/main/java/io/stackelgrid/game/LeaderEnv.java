package io.stackelgrid.game;

import io.stackelgrid.ppo.Env;
import io.stackelgrid.ppo.EnvStep;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.PeriodRecord;
import io.stackelgrid.world.StepEngine;
import io.stackelgrid.world.World;

/**
 * The leader's environment (MODEL.md §6): one step is one period played in a shadow copy of the
 * world with the followers' policies frozen; episodes of {@code episodePeriods}. Observation: mean
 * SoC per prosumer tariff group, last period's EEI gap and revenue ratio, last tariff (in [−1, 1]). Reward
 * −(EEI gap, income spread or both, by {@link LeaderReward}) − penalty·max(0, days·R − net
 * revenue)/(days·R).
 *
 * <p>It is copy 0 of {@code learning.leader.env-copies} = K rollout copies (MODEL.md §10): copy k
 * plays the same world under its own ζ ({@link StepEngine#solarNoiseKey(long, int, int)}: copy 0 the
 * world's own), and only reads the shared base world, so copies step on several threads.
 */
public final class LeaderEnv implements Env {
  private final World base;
  private final TariffCodec codec;
  private final LeaderState start;
  private final int episodePeriods;
  private final double revenuePenalty;
  private final LeaderReward reward;
  private final int socSize;
  private final int copies;
  private final int copy;
  private World world;
  private LeaderState state;
  private int elapsed;

  /**
   * @param base the world at the period boundary, with the followers' policies installed (not
   *     modified: every episode plays a fresh copy)
   * @param start the last period's gap, revenue ratio and tariff
   * @param game episode length, reward variant, revenue penalty and rollout copies
   */
  public LeaderEnv(World base, TariffCodec codec, LeaderState start, GameSettings game) {
    this(base, codec, start, game.leaderEpisodePeriods(), game.revenuePenalty(), game.leaderReward(),
        game.leaderEnvCopies(), 0);
  }

  private LeaderEnv(World base, TariffCodec codec, LeaderState start, int episodePeriods, double revenuePenalty,
      LeaderReward reward, int copies, int copy) {
    this.base = base;
    this.codec = codec;
    this.start = start;
    this.episodePeriods = episodePeriods;
    this.revenuePenalty = revenuePenalty;
    this.reward = reward;
    this.socSize = base.layout().tariffGroups().prosumerGroups().length;
    this.copies = copies;
    this.copy = copy;
  }

  /** The period the leader trains at: the base world's, which starts every episode. */
  public int period() {
    return base.step() / base.scenario().clock().stepsPerPeriod();
  }

  @Override
  public int rolloutCopies() {
    return copies;
  }

  @Override
  public LeaderEnv rolloutCopy(int k) {
    if (k < 1 || k >= copies) {
      throw new IllegalArgumentException("copy " + k + " of " + copies + " leader environments");
    }
    return new LeaderEnv(base, codec, start, episodePeriods, revenuePenalty, reward, copies, k);
  }

  /** The period: copies' action streams, like their ζ, come from (seed, period, copy). */
  @Override
  public long rolloutCopySalt() {
    return period();
  }

  /** The state this environment starts its episodes from, to rebuild it on another member. */
  public LeaderProblem problem() {
    return LeaderProblem.of(base, start);
  }

  /**
   * What the leader observes: the prosumer tariff groups' mean SoC, last EEI gap (pp), revenue ratio,
   * the tariff.
   */
  public static float[] observation(World world, TariffCodec codec, LeaderState s) {
    double[] soc = world.engine().tariffGroupMeanSoc(world.households());
    int n = soc.length;
    float[] obs = new float[n + 2 + codec.size()];
    for (int i = 0; i < n; i++) {
      obs[i] = (float) soc[i];
    }
    obs[n] = (float) s.eeiGapPp();
    obs[n + 1] = (float) s.revenueRatio();
    System.arraycopy(codec.encode(s.tariff()), 0, obs, n + 2, codec.size());
    return obs;
  }

  @Override
  public int numEnvs() {
    return 1;
  }

  @Override
  public int observationSize() {
    return socSize + 2 + codec.size();
  }

  @Override
  public int actionSize() {
    return codec.size();
  }

  @Override
  public void reset(float[] observationsOut) {
    startEpisode();
    System.arraycopy(observation(world, codec, state), 0, observationsOut, 0, observationSize());
  }

  @Override
  public void step(float[] actions, EnvStep out) {
    PeriodRecord p = playPeriod(world, codec.decode(actions));
    out.rewards[0] = reward.of(p, world.scenario().tariff().revenueRequirementUsdPerDay(), revenuePenalty);
    state = new LeaderState(p.eeiGapPp(), p.revenueRatio(), p.tariff());
    elapsed++;
    boolean end = elapsed >= episodePeriods;
    out.done[0] = end;
    out.truncated[0] = end;
    if (end) {
      System.arraycopy(observation(world, codec, state), 0, out.terminalObservations, 0, observationSize());
      startEpisode();
    }
    System.arraycopy(observation(world, codec, state), 0, out.observations, 0, observationSize());
  }

  /** Plays one whole period of {@code w} under {@code tariff} and returns its record. */
  static PeriodRecord playPeriod(World w, Tariff tariff) {
    w.setTariff(tariff);
    int perPeriod = w.scenario().clock().stepsPerPeriod();
    for (int i = 0; i < perPeriod; i++) {
      w.advance();
    }
    return w.closePeriodIfDone(true);
  }

  private void startEpisode() {
    world = copy == 0 ? base.copy()
        : base.copy(StepEngine.solarNoiseKey(base.options().seed(), period(), copy));
    state = start;
    elapsed = 0;
  }

}
