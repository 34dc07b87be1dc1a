package io.stackelgrid.ppo;

import io.stackelgrid.common.StackelgridException;
import java.util.Arrays;

/**
 * PPO (clipped surrogate, GAE, entropy bonus, value loss, gradient-norm clip, advantage
 * normalisation, minibatch Adam) with Stable-Baselines3's semantics, on a {@link PolicyNetworks}
 * engine. Keeps networks and optimiser state between {@link #learn} calls. Not thread-safe: one
 * learner per thread.
 */
public final class PpoLearner implements AutoCloseable {
  private final PpoConfig config;
  private final PolicyNetworks engine;
  private final MlpShape policyShape;
  private final MlpShape valueShape;
  private final int actionSize;
  private final int observationSize;
  private final Rng rng;

  private float[] policyParams;
  private float[] valueParams;
  private float[] logStd;
  private Adam policyAdam;
  private Adam valueAdam;
  private Adam logStdAdam;
  private long adamSteps;
  private long updates;
  private long totalTimesteps;
  private Env env;
  private final RolloutCollector collector;

  /** A learner for {@code env}, on the engine {@code config} selects, initialised from its seed. */
  public PpoLearner(PpoConfig config, Env env) {
    this(config, env, null);
  }

  /** A learner on an explicit engine (for tests and benchmarks); null picks by {@code config}. */
  public PpoLearner(PpoConfig config, Env env, PolicyNetworks engineOrNull) {
    this.config = config;
    this.env = env;
    this.observationSize = env.observationSize();
    this.actionSize = env.actionSize();
    this.policyShape = MlpShape.of(observationSize, config.policyHidden(), actionSize);
    this.valueShape = MlpShape.of(observationSize, config.valueHidden(), 1);
    requireWholeSegments(env);
    this.rng = new Rng(config.seed());
    Rng initRng = new Rng(Rng.mix(config.seed(), 1));
    policyParams = OrthogonalInit.parameters(policyShape, 0.01, initRng);
    valueParams = OrthogonalInit.parameters(valueShape, 1.0, initRng);
    logStd = new float[actionSize];
    Arrays.fill(logStd, (float) config.logStdInit());
    policyAdam = new Adam(policyParams.length, config.adamEpsilon());
    valueAdam = new Adam(valueParams.length, config.adamEpsilon());
    logStdAdam = new Adam(actionSize, config.adamEpsilon());
    this.engine = engineOrNull != null ? engineOrNull : Engines.create(config, policyShape, valueShape);
    engine.setParams(policyParams, valueParams);
    collector = new RolloutCollector(config.name(), config.seed(), engine, rng, config.gamma(),
        config.gaeLambda());
  }

  /** A rollout must split into whole segments, one per copy, each of whole vector steps. */
  private void requireWholeSegments(Env e) {
    int copies = e.rolloutCopies();
    if (copies < 1 || config.rolloutSteps() % ((long) copies * e.numEnvs()) != 0) {
      throw new StackelgridException("learner " + config.name() + ": rolloutSteps "
          + config.rolloutSteps() + " is not a multiple of " + copies + " rollout copies × "
          + e.numEnvs() + " vectorised environments");
    }
  }

  /**
   * Threads on which the environment's rollout copies step (default 0: one per available processor,
   * at most one per copy); results do not depend on it.
   */
  public void setRolloutThreads(int threads) {
    collector.setThreads(threads);
  }

  /**
   * Collects the environment's rollout copies k ≥ 1 through {@code remoteOrNull} in the next
   * {@link #learn} calls (null: on this JVM's threads); the result is the same either way.
   */
  public void setRemoteCopies(RemoteCopies remoteOrNull) {
    collector.setRemote(remoteOrNull);
  }

  /**
   * Copy {@code copy} (k ≥ 1) of an environment whose copies have {@code salt}, collected apart from
   * this learner: built on {@code copyEnv} (that environment's {@link Env#rolloutCopy}), acting with
   * networks of this learner's shape and the action stream copy k has in {@link #learn}.
   */
  public CopySegments copySegments(Env copyEnv, int copy, long salt) {
    if (copy < 1) {
      throw new IllegalArgumentException("learner " + config.name() + ": copy " + copy + " is collected by the learner");
    }
    return collector.segments(copyEnv, copy, salt);
  }

  /** Replaces the environment (same observation and action sizes) for the next {@link #learn}. */
  public void setEnv(Env newEnv) {
    if (newEnv.observationSize() != observationSize || newEnv.actionSize() != actionSize) {
      throw new StackelgridException("learner " + config.name()
          + ": new environment does not match observation/action sizes");
    }
    requireWholeSegments(newEnv);
    this.env = newEnv;
  }

  public PpoConfig config() {
    return config;
  }

  /** Name of the engine actually used ({@code java} or {@code dl4j}). */
  public String engineName() {
    return engine.engineName();
  }

  /** PPO updates done so far. */
  public long updates() {
    return updates;
  }

  /** Environment steps collected over all {@link #learn} calls. */
  public long timesteps() {
    return totalTimesteps;
  }

  /**
   * Collects whole rollouts of {@code rolloutSteps} until at least {@code timesteps} transitions are
   * done, with one PPO update after each (Stable-Baselines3's {@code learn}; the environment and
   * each of its rollout copies are reset at the start of the call). With K rollout copies each
   * rollout is K segments collected in parallel ({@link RolloutCollector}).
   *
   * @throws PpoTrainingException on NaN/Inf in a loss, gradient or parameter; the parameters of the
   *     last good update stay in place
   */
  public LearnStats learn(long timesteps) {
    Rollout buf = new Rollout(config.rolloutSteps(), observationSize, actionSize);
    collector.begin(env);
    long done = 0;
    int rollouts = 0;
    long rolloutNanos = 0;
    long updateNanos = 0;
    UpdateStats last = UpdateStats.NONE;
    while (done < timesteps) {
      long t0 = System.nanoTime();
      collector.collect(buf, policyParams, valueParams, logStd);
      long t1 = System.nanoTime();
      last = update(buf);
      long t2 = System.nanoTime();
      rolloutNanos += t1 - t0;
      updateNanos += t2 - t1;
      done += config.rolloutSteps();
      totalTimesteps += config.rolloutSteps();
      rollouts++;
    }
    return new LearnStats(rollouts, done, rolloutNanos, updateNanos, last.policyLoss,
        last.valueLoss, last.entropy, last.approxKl, last.clipFraction);
  }

  private record UpdateStats(double policyLoss, double valueLoss, double entropy, double approxKl,
      double clipFraction) {
    static final UpdateStats NONE = new UpdateStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN);
  }

  /** One PPO update: epochs of shuffled minibatches; restores the old parameters on NaN/Inf. */
  private UpdateStats update(Rollout buf) {
    Snapshot before = snapshot();
    long updateNumber = updates + 1;
    int n = buf.size;
    int batch = Math.min(config.batchSize(), n);
    int[] order = new int[n];
    float[] mbObs = new float[batch * observationSize];
    float[] mbActions = new float[batch * actionSize];
    double[] mbOldLogProbs = new double[batch];
    double[] mbAdvantages = new double[batch];
    double[] mbReturns = new double[batch];
    float[] mbMeans = new float[batch * actionSize];
    float[] mbValues = new float[batch];
    float[] meanGrad = new float[batch * actionSize];
    float[] valueGrad = new float[batch];
    double[] policyGrad = new double[policyParams.length];
    double[] valueGradParams = new double[valueParams.length];
    double[] logStdGrad = new double[actionSize];
    PpoLoss.Result last = null;
    double klSum = 0;
    long clipped = 0;
    long seen = 0;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      rng.shuffle(order);
      for (int start = 0; start < n; start += batch) {
        int m = Math.min(batch, n - start);
        for (int s = 0; s < m; s++) {
          int row = order[start + s];
          System.arraycopy(buf.observations, row * observationSize, mbObs, s * observationSize,
              observationSize);
          System.arraycopy(buf.actions, row * actionSize, mbActions, s * actionSize, actionSize);
          mbOldLogProbs[s] = buf.logProbs[row];
          mbAdvantages[s] = buf.advantages[row];
          mbReturns[s] = buf.returns[row];
        }
        if (config.normalizeAdvantage() && m > 1) {
          normalize(mbAdvantages, m);
        }
        engine.forwardForTraining(mbObs, m, mbMeans, mbValues);
        PpoLoss.Result r = PpoLoss.compute(m, actionSize, mbMeans, mbValues, logStd, mbActions,
            mbOldLogProbs, mbAdvantages, mbReturns, config.clipRange(), config.entCoef(),
            config.vfCoef(), meanGrad, valueGrad, logStdGrad);
        if (!Double.isFinite(r.loss())) {
          restore(before);
          throw new PpoTrainingException("learner " + config.name() + ": " + describe(r.loss())
              + " in the loss at update " + updateNumber + " (epoch " + (epoch + 1)
              + "); parameters left at update " + updates);
        }
        engine.backward(meanGrad, valueGrad, policyGrad, valueGradParams);
        double norm = Math.sqrt(
            sumSquares(policyGrad) + sumSquares(valueGradParams) + sumSquares(logStdGrad));
        if (!Double.isFinite(norm)) {
          restore(before);
          throw new PpoTrainingException("learner " + config.name() + ": " + describe(norm)
              + " in the gradient at update " + updateNumber + " (epoch " + (epoch + 1)
              + "); parameters left at update " + updates);
        }
        // torch.nn.utils.clip_grad_norm_ over all parameters together.
        double scale = Math.min(1.0, config.maxGradNorm() / (norm + 1e-6));
        adamSteps++;
        policyAdam.step(policyParams, policyGrad, scale, config.learningRate(), adamSteps);
        valueAdam.step(valueParams, valueGradParams, scale, config.learningRate(), adamSteps);
        logStdAdam.step(logStd, logStdGrad, scale, config.learningRate(), adamSteps);
        engine.setParams(policyParams, valueParams);
        last = r;
        klSum += r.klSum();
        clipped += r.clippedCount();
        seen += m;
      }
    }
    if (!allFinite(policyParams) || !allFinite(valueParams) || !allFinite(logStd)) {
      restore(before);
      throw new PpoTrainingException("learner " + config.name()
          + ": NaN/Inf in a parameter after update " + updateNumber + "; parameters left at update "
          + updates);
    }
    updates = updateNumber;
    return new UpdateStats(last.policyLoss(), last.valueLoss(), last.entropy(), klSum / seen,
        (double) clipped / seen);
  }

  /** (a − mean)/(std + 1e-8) with the unbiased std, as Stable-Baselines3 normalises advantages. */
  private static void normalize(double[] a, int m) {
    double mean = 0;
    for (int s = 0; s < m; s++) {
      mean += a[s];
    }
    mean /= m;
    double var = 0;
    for (int s = 0; s < m; s++) {
      var += (a[s] - mean) * (a[s] - mean);
    }
    double sd = Math.sqrt(var / (m - 1));
    for (int s = 0; s < m; s++) {
      a[s] = (a[s] - mean) / (sd + 1e-8);
    }
  }

  private static String describe(double v) {
    return Double.isNaN(v) ? "NaN" : "Inf";
  }

  private static double sumSquares(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v * v;
    }
    return s;
  }

  private static boolean allFinite(float[] a) {
    for (float v : a) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private record Snapshot(float[] policy, float[] value, float[] logStd, Adam policyAdam,
      Adam valueAdam, Adam logStdAdam, long adamSteps) {}

  private Snapshot snapshot() {
    return new Snapshot(policyParams.clone(), valueParams.clone(), logStd.clone(),
        policyAdam.copy(), valueAdam.copy(), logStdAdam.copy(), adamSteps);
  }

  private void restore(Snapshot s) {
    policyParams = s.policy;
    valueParams = s.value;
    logStd = s.logStd;
    policyAdam = s.policyAdam;
    valueAdam = s.valueAdam;
    logStdAdam = s.logStdAdam;
    adamSteps = s.adamSteps;
    engine.setParams(policyParams, valueParams);
  }

  /** Deterministic action (the Gaussian's mean, unclipped) for {@code count} observations. */
  public void actionMean(float[] observations, int count, float[] meansOut) {
    engine.policyMean(observations, count, meansOut);
  }

  /** State values for {@code count} observations. */
  public void value(float[] observations, int count, float[] valuesOut) {
    engine.value(observations, count, valuesOut);
  }

  /** Log standard deviation of the Gaussian per action dimension (a copy). */
  public float[] logStd() {
    return logStd.clone();
  }

  /** An immutable, thread-safe plain-Java snapshot of the current policy for acting. */
  public GaussianPolicy policy() {
    return new GaussianPolicy(policyShape, policyParams, logStd);
  }

  /** Current parameters (an exact copy). */
  public PolicyParams exportParams() {
    return new PolicyParams(config.name(), updates, policyShape.widths().clone(), valueShape.widths().clone(),
        policyParams.clone(), valueParams.clone(), logStd.clone());
  }

  /**
   * Loads parameters exported by a learner with the same network shapes; the optimiser state is
   * reset, since it does not travel with the policy.
   */
  public void importParams(PolicyParams params) {
    MlpShape p = new MlpShape(params.policyLayerSizes());
    MlpShape v = new MlpShape(params.valueLayerSizes());
    if (!p.equals(policyShape) || !v.equals(valueShape)
        || params.policyParams().length != policyShape.parameterCount()
        || params.valueParams().length != valueShape.parameterCount()
        || params.logStd().length != actionSize) {
      throw new StackelgridException("learner " + config.name() + ": PolicyParams from "
          + params.learnerName() + " have shapes " + p + "/" + v + " but this learner has "
          + policyShape + "/" + valueShape);
    }
    System.arraycopy(params.policyParams(), 0, policyParams, 0, policyParams.length);
    System.arraycopy(params.valueParams(), 0, valueParams, 0, valueParams.length);
    System.arraycopy(params.logStd(), 0, logStd, 0, actionSize);
    policyAdam = new Adam(policyParams.length, config.adamEpsilon());
    valueAdam = new Adam(valueParams.length, config.adamEpsilon());
    logStdAdam = new Adam(actionSize, config.adamEpsilon());
    adamSteps = 0;
    engine.setParams(policyParams, valueParams);
  }

  /** Parameters, optimiser and random state: enough to resume bit for bit. */
  public PpoCheckpoint exportCheckpoint() {
    int moments = policyAdam.size() + valueAdam.size() + logStdAdam.size();
    double[] first = new double[moments];
    double[] second = new double[moments];
    int offset = policyAdam.exportTo(first, second, 0);
    offset = valueAdam.exportTo(first, second, offset);
    logStdAdam.exportTo(first, second, offset);
    return new PpoCheckpoint(exportParams(), first, second, adamSteps, rng.state(), totalTimesteps);
  }

  /** Restores a checkpoint of a learner with the same configuration (shapes must match). */
  public void restoreCheckpoint(PpoCheckpoint checkpoint) {
    int moments = policyAdam.size() + valueAdam.size() + logStdAdam.size();
    if (checkpoint.adamFirstMoment().length != moments || checkpoint.adamSecondMoment().length != moments) {
      throw new StackelgridException("learner " + config.name() + ": checkpoint of "
          + checkpoint.params().learnerName() + " has " + checkpoint.adamFirstMoment().length
          + " optimiser moments, this learner needs " + moments);
    }
    importParams(checkpoint.params());
    int offset = policyAdam.importFrom(checkpoint.adamFirstMoment(), checkpoint.adamSecondMoment(), 0);
    offset = valueAdam.importFrom(checkpoint.adamFirstMoment(), checkpoint.adamSecondMoment(), offset);
    logStdAdam.importFrom(checkpoint.adamFirstMoment(), checkpoint.adamSecondMoment(), offset);
    adamSteps = checkpoint.adamSteps();
    rng.restore(checkpoint.rng());
    updates = checkpoint.params().updates();
    totalTimesteps = checkpoint.timesteps();
  }

  @Override
  public void close() {
    collector.close();
    engine.close();
  }
}
