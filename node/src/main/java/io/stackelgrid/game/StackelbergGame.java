package io.stackelgrid.game;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.meanfield.MeanField;
import io.stackelgrid.meanfield.MeanFieldPopulation;
import io.stackelgrid.ppo.GaussianPolicy;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.random.SplitMix64;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.PeriodRecord;
import io.stackelgrid.world.StepRecord;
import io.stackelgrid.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Algorithm 1 of MODEL.md §6 for one seed, as plain Java: per period the inner loop of follower best
 * responses and shadow Γ runs to tolerance or its cap, the leader's best response, then the real
 * steps with the new tariff (followers optionally learning after every step), until the tariff's
 * change falls below the freezing tolerance. The baseline world plays the same steps alongside.
 */
public final class StackelbergGame {
  /** Who turns the leader's policy into the period's tariff (e.g. the utility actor). */
  public interface TariffDecider {
    /** The tariff of {@code period} from the leader policy and its observation. */
    Tariff decide(int period, PolicyParams leader, float[] observation);
  }

  /** Receives every real step of both worlds, with the tariff in force. */
  public interface Listener {
    void onStep(StepRecord learning, StepRecord baseline, Tariff tariff);
  }

  private final World world;
  private final World baseline;
  private final GameSettings game;
  private final BestResponses learners;
  private final TariffCodec codec;
  private final long seed;
  private final int totalSteps;
  private final int aggregators;
  private LeaderState leaderState;
  private boolean frozen;
  private long followerCalls;
  private final List<GameState.PolicyChange> policyHistory = new ArrayList<>();
  private final PolicyParams[] current;
  private RealSteps realSteps;
  private TariffDecider decider;
  private final List<PeriodInfo> periodInfos = new ArrayList<>();

  /**
   * @param world the learning world (mean field) at step 0 or at a checkpoint
   * @param baseline the no-storage world with the same seed (common random numbers)
   * @param totalSteps steps of the run (days × steps per day)
   */
  public StackelbergGame(World world, World baseline, GameSettings game, BestResponses learners,
      long seed, int totalSteps) {
    if (!(world.households() instanceof MeanFieldPopulation)) {
      throw new IllegalArgumentException("Algorithm 1 needs a mean-field learning world (seed " + seed + ")");
    }
    this.world = world;
    this.baseline = baseline;
    this.game = game;
    this.learners = learners;
    this.seed = seed;
    this.totalSteps = totalSteps;
    GroupLayout layout = world.layout();
    this.codec = game.codec(world.scenario());
    this.aggregators = layout.aggregatorCount();
    if (aggregators == 0) {
      throw new StackelgridException("scenario " + world.scenario().name() + " has no aggregator: no follower to learn "
          + "(give households.aggregators and prosumer groups, or a territory)");
    }
    leaderState = new LeaderState(0, 1, world.tariff());
    current = new PolicyParams[aggregators];
    realSteps = RealSteps.local(world);
    install(learners.initialFollowers());
  }

  public World world() {
    return world;
  }

  public World baseline() {
    return baseline;
  }

  public boolean frozen() {
    return frozen;
  }

  public TariffCodec codec() {
    return codec;
  }

  /** Real steps played so far. */
  public int stepsDone() {
    return realSteps.stepsDone();
  }

  /** Whether every step of the run has been played. */
  public boolean done() {
    return realSteps.stepsDone() >= totalSteps;
  }

  /** Outer iteration k: inner loop, leader best response, then the period's real steps. */
  public PeriodResult playPeriod(Listener listener) {
    int perPeriod = world.scenario().clock().stepsPerPeriod();
    int period = realSteps.stepsDone() / perPeriod;
    int steps = Math.min(perPeriod, totalSteps - realSteps.stepsDone());
    Tariff previous = world.tariff();
    long t0 = System.nanoTime();
    int iterations = 0;
    double distance = Double.NaN;
    if (!frozen) {
      realSteps.sync();
      InnerLoop inner = innerLoop(period);
      iterations = inner.iterations();
      distance = inner.lastDistance();
    }
    long t1 = System.nanoTime();
    Tariff next = previous;
    if (!frozen) {
      next = leaderBestResponse(period);
    }
    long t2 = System.nanoTime();
    double change = codec.normalisedL1(next, previous);
    boolean frozenWhilePlaying = frozen;
    world.setTariff(next);
    PeriodRecord learning = null;
    boolean learnBetween = game.learnEveryStep() && !frozen;
    // With nothing learned between them, the period's steps go to the world in one request.
    List<RealSteps.Played> batch = null;
    RealSteps.PartlyPlayed failure = null;
    if (!learnBetween) {
      try {
        batch = realSteps.play(current, steps, true);
      } catch (RealSteps.PartlyPlayed e) {
        batch = e.played();
        failure = e;
      }
    }
    for (int i = 0; i < steps; i++) {
      if (failure != null && i == batch.size()) {
        throw failure; // after reporting the steps played before the failing one
      }
      // The period's last step (or the run's) closes the period's ledger.
      RealSteps.Played a = batch != null ? batch.get(i) : realSteps.play(current, i == steps - 1);
      StepRecord b = baseline.advance();
      if (listener != null) {
        listener.onStep(a.step(), b, next);
      }
      learning = a.periodOrNull();
      if (learnBetween && i < steps - 1) {
        // The paper's aggregators update at every time step, against their updated beliefs; the
        // last step's update is the next period's inner loop.
        realSteps.sync();
        followerBestResponses(period, world, currentSoc());
      }
    }
    boolean last = realSteps.stepsDone() >= totalSteps;
    PeriodRecord base = baseline.closePeriodIfDone(last);
    leaderState = new LeaderState(learning.eeiGapPp(), learning.revenueRatio(), next);
    if (!frozen && change <= game.freezeTolerance()) {
      frozen = true;
    }
    long t3 = System.nanoTime();
    PeriodInfo info = new PeriodInfo(period, next, iterations, distance, change, frozenWhilePlaying,
        t1 - t0, t2 - t1, t3 - t2);
    periodInfos.add(info);
    return new PeriodResult(learning, base, info);
  }

  /** A period's records of both worlds and what the algorithm did. */
  public record PeriodResult(PeriodRecord learning, PeriodRecord baseline, PeriodInfo info) {}

  /**
   * The inner loop: μ⁰ is the shadow trajectory under the current policies; each iteration trains
   * BR_F against the last shadow's beliefs and μ path, replays the shadow, and stops once the largest
   * per-step distance is within tolerance.
   */
  private InnerLoop innerLoop(int period) {
    Shadow previous = shadow();
    int tau = 0;
    double distance = Double.NaN;
    while (tau < game.innerMaxIterations()) {
      followerBestResponses(period, previous.world, previous.socPaths);
      Shadow next = damped(previous, shadow(), world.settings().damping());
      tau++;
      distance = maxDistance(previous.fields, next.fields);
      previous = next;
      if (distance <= game.innerTolerance()) {
        break;
      }
    }
    return new InnerLoop(tau, distance);
  }

  /** What the inner loop did: iterations and the largest per-step distance of μ in the last one. */
  private record InnerLoop(int iterations, double lastDistance) {}

  /** The world's coming period played in a shadow copy: μ after every step, bus SoC paths, beliefs. */
  private Shadow shadow() {
    World copy = world.copy();
    MeanFieldPopulation mf = (MeanFieldPopulation) copy.households();
    int perPeriod = world.scenario().clock().stepsPerPeriod();
    List<MeanField> fields = new ArrayList<>(perPeriod);
    List<double[]> socBefore = new ArrayList<>(perPeriod);
    for (int i = 0; i < perPeriod; i++) {
      socBefore.add(copy.busMeanSoc());
      copy.advance();
      fields.add(mf.field().copy());
    }
    return new Shadow(copy, fields, socBefore);
  }

  record Shadow(World world, List<MeanField> fields, List<double[]> socPaths) {}

  /**
   * The inner loop's damped iterate (MODEL.md §5): every step's μ is (1 − β)·previous + β·next, and so
   * are the buses' SoC paths, which are linear in μ; the price beliefs stay the newest shadow's.
   * β = 1 (no damping) returns {@code next} itself, so undamped runs keep their exact arithmetic.
   */
  static Shadow damped(Shadow previous, Shadow next, double beta) {
    if (beta == 1) {
      return next;
    }
    List<MeanField> fields = new ArrayList<>(next.fields().size());
    for (int t = 0; t < next.fields().size(); t++) {
      MeanField mixed = previous.fields().get(t).copy();
      mixed.mixIn(next.fields().get(t), beta);
      fields.add(mixed);
    }
    List<double[]> paths = new ArrayList<>(next.socPaths().size());
    for (int t = 0; t < next.socPaths().size(); t++) {
      double[] old = previous.socPaths().get(t);
      double[] now = next.socPaths().get(t);
      double[] mixed = new double[now.length];
      for (int n = 0; n < now.length; n++) {
        mixed[n] = (1 - beta) * old[n] + beta * now[n];
      }
      paths.add(mixed);
    }
    return new Shadow(next.world(), fields, paths);
  }

  private static double maxDistance(List<MeanField> a, List<MeanField> b) {
    double max = 0;
    for (int t = 0; t < a.size(); t++) {
      max = Math.max(max, a.get(t).l1Distance(b.get(t)));
    }
    return max;
  }

  /**
   * BR_F of every aggregator with beliefs from {@code beliefSource} and the given SoC paths (by bus:
   * each aggregator sees its bus's).
   */
  private void followerBestResponses(int period, World beliefSource, List<double[]> socPaths) {
    List<FollowerProblem> problems = new ArrayList<>(aggregators);
    long call = followerCalls++;
    for (int a = 0; a < aggregators; a++) {
      int bus = world.layout().aggregatorBus(a);
      double[] path = new double[socPaths.size()];
      for (int i = 0; i < path.length; i++) {
        path[i] = socPaths.get(i)[bus];
      }
      long envSeed = SplitMix64.mix(
          SplitMix64.derive(seed, "follower-env-" + a) + call);
      problems.add(FollowerProblem.of(world, a, beliefSource.belief(), path, game, envSeed));
    }
    install(learners.followers(period, problems));
  }

  /** Outside the inner loop each bus's current mean SoC stands for its whole path. */
  private List<double[]> currentSoc() {
    return List.of(world.busMeanSoc());
  }

  private void install(List<PolicyParams> params) {
    int step = realSteps.stepsDone();
    // Only the last install before a step acts in it: drop superseded ones (inner-loop iterations).
    policyHistory.removeIf(c -> c.step() == step);
    for (int a = 0; a < aggregators; a++) {
      world.setPolicy(a, LearnedPolicy.of(params.get(a)));
      current[a] = params.get(a);
      policyHistory.add(new GameState.PolicyChange(step, a, params.get(a)));
    }
  }

  /** The leader's tariffs are decided by {@code d} from now on (null: locally, the same way). */
  public void setTariffDecider(TariffDecider d) {
    this.decider = d;
  }

  /** The learning world's real steps are played by {@code steps} from now on (null: by the world itself). */
  public void setRealSteps(RealSteps steps) {
    this.realSteps = steps == null ? RealSteps.local(world) : steps;
  }

  /** The state to checkpoint at a period boundary (with the learners' checkpoints). */
  public GameState state() {
    return new GameState(realSteps.stepsDone(), frozen, followerCalls, leaderState, List.copyOf(policyHistory),
        List.copyOf(periodInfos));
  }

  /**
   * Brings a fresh game (both worlds at step 0) to {@code saved}: replays every real step with the
   * policies and tariffs that were in force, reporting steps and periods as they were first
   * reported, then takes over the algorithm's memory. The learners are restored separately.
   */
  public void replay(GameState saved, Listener steps, Consumer<PeriodResult> periods) {
    if (realSteps.stepsDone() != 0) {
      throw new IllegalStateException("replay needs a fresh game (seed " + seed + ")");
    }
    int perPeriod = world.scenario().clock().stepsPerPeriod();
    int next = 0;
    List<GameState.PolicyChange> changes = saved.policies();
    for (int t = 0; t < saved.stepsDone(); t++) {
      while (next < changes.size() && changes.get(next).step() == t) {
        GameState.PolicyChange c = changes.get(next++);
        world.setPolicy(c.aggregator(), LearnedPolicy.of(c.params()));
        current[c.aggregator()] = c.params();
      }
      PeriodInfo info = saved.periods().get(t / perPeriod);
      if (t % perPeriod == 0) {
        world.setTariff(info.tariff());
      }
      boolean last = t + 1 >= totalSteps;
      boolean closes = (t + 1) % perPeriod == 0 || last;
      RealSteps.Played a = realSteps.play(current, closes);
      StepRecord b = baseline.advance();
      if (steps != null) {
        steps.onStep(a.step(), b, info.tariff());
      }
      if (closes) {
        PeriodRecord base = baseline.closePeriodIfDone(last);
        if (periods != null) {
          periods.accept(new PeriodResult(a.periodOrNull(), base, info));
        }
      }
    }
    while (next < changes.size()) {
      GameState.PolicyChange c = changes.get(next++);
      world.setPolicy(c.aggregator(), LearnedPolicy.of(c.params()));
    }
    for (GameState.PolicyChange c : changes) {
      current[c.aggregator()] = c.params();
    }
    policyHistory.clear();
    policyHistory.addAll(changes);
    periodInfos.clear();
    periodInfos.addAll(saved.periods());
    frozen = saved.frozen();
    followerCalls = saved.followerCalls();
    leaderState = saved.leader();
  }

  /** BR_L against the current followers; the new tariff is the policy's mean at today's observation. */
  private Tariff leaderBestResponse(int period) {
    PolicyParams params = learners.leader(period, LeaderProblem.of(world, leaderState));
    float[] observation = LeaderEnv.observation(world, codec, leaderState);
    return decider != null ? decider.decide(period, params, observation) : decide(codec, params, observation);
  }

  /** The leader's tariff: its policy's mean action at the observation, mapped onto the bounds. */
  public static Tariff decide(TariffCodec codec, PolicyParams leader, float[] observation) {
    float[] action = new float[codec.size()];
    GaussianPolicy.fromParams(leader).mean(observation, 1, action);
    return codec.decode(action);
  }

  /**
   * Exploitability estimates at the current state (MODEL.md §8): per aggregator what a fresh BR_F
   * gains over the installed policy in its environment (reward units, per 24-step episode), then the
   * leader's commitment gap (reward per leader episode) for the leader policy {@code leaderParams}.
   */
  public double[] exploitability(PolicyParams leaderParams) {
    realSteps.sync();
    double[] out = new double[aggregators + 1];
    double[] soc = world.busMeanSoc();
    for (int a = 0; a < aggregators; a++) {
      PolicyParams current = null;
      for (GameState.PolicyChange c : policyHistory) {
        if (c.aggregator() == a) {
          current = c.params();
        }
      }
      double[] path = {soc[world.layout().aggregatorBus(a)]};
      FollowerProblem p = FollowerProblem.of(world, a, world.belief(), path, game,
          SplitMix64.derive(seed, "exploitability-env-" + a));
      out[a] = Exploitability.gain(current, game.follower(), seed, game.budgetSteps(),
          () -> new FollowerEnv(p, FollowerEnv.copiesFor(game.follower().rolloutSteps())), 64);
    }
    out[aggregators] = Exploitability.gain(leaderParams, game.leader(), seed, game.budgetSteps(),
        () -> new LeaderEnv(world.copy(), codec, leaderState, game), 1);
    return out;
  }

  /** The leader's memory of the last period (for checkpoints). */
  public LeaderState leaderState() {
    return leaderState;
  }

  /** Follower best-response calls so far (each derives its environment seed from the count). */
  public long followerCalls() {
    return followerCalls;
  }
}
