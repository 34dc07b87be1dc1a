package io.stackelgrid.ppo;

import io.stackelgrid.common.StackelgridException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every PPO hyper-parameter of MODEL.md §6; {@link #defaults()} is Table 4 with Stable-Baselines3's
 * defaults for the rest. {@code rolloutSteps} counts transitions over all copies of the environment
 * (Stable-Baselines3's {@code n_steps × n_envs}).
 *
 * @param name learner name used in error messages
 * @param engine network engine
 * @param autoEngineMaxWidth widest hidden layer for which {@code auto} picks the Java engine
 * @param dl4jDoublePrecision run DL4J in double precision (tests), float otherwise
 */
public record PpoConfig(
    String name,
    EngineKind engine,
    int autoEngineMaxWidth,
    boolean dl4jDoublePrecision,
    long seed,
    double learningRate,
    double gamma,
    double gaeLambda,
    double entCoef,
    double vfCoef,
    double maxGradNorm,
    double clipRange,
    int rolloutSteps,
    int batchSize,
    int epochs,
    int[] policyHidden,
    int[] valueHidden,
    double logStdInit,
    boolean normalizeAdvantage,
    double adamEpsilon) {

  /**
   * Widest hidden layer the {@code auto} engine still gives to plain Java. {@code CrossoverBenchmark}
   * (100 minibatch steps of 128, [h, h] nets, one thread): Java faster up to h = 64, even at 128
   * (0.63 s each), DL4J faster from 256 (1.2 vs 2.1 s) and 512 (2.1 vs 9.1 s).
   */
  public static final int DEFAULT_AUTO_ENGINE_MAX_WIDTH = 128;

  public PpoConfig {
    require(learningRate > 0, "learningRate", learningRate);
    require(gamma >= 0 && gamma <= 1, "gamma", gamma); // 0: myopic, a valid discount
    require(gaeLambda >= 0 && gaeLambda <= 1, "gaeLambda", gaeLambda);
    require(clipRange > 0, "clipRange", clipRange);
    require(maxGradNorm > 0, "maxGradNorm", maxGradNorm);
    require(rolloutSteps > 0, "rolloutSteps", rolloutSteps);
    require(batchSize > 0, "batchSize", batchSize);
    require(epochs > 0, "epochs", epochs);
    require(policyHidden.length > 0 && Arrays.stream(policyHidden).allMatch(w -> w > 0),
        "policyHidden", Arrays.toString(policyHidden));
    require(valueHidden.length > 0 && Arrays.stream(valueHidden).allMatch(w -> w > 0),
        "valueHidden", Arrays.toString(valueHidden));
    policyHidden = policyHidden.clone();
    valueHidden = valueHidden.clone();
  }

  /** Table 4 of the paper plus Stable-Baselines3 defaults; followers' [18, 36] networks. */
  public static PpoConfig defaults() {
    return new PpoConfig("ppo", EngineKind.AUTO, DEFAULT_AUTO_ENGINE_MAX_WIDTH, false, 0L, 3e-4,
        0.9999, 0.95, 0.01, 0.5, 0.5, 0.2, 1200, 128, 10, new int[] {18, 36},
        new int[] {18, 36}, 0.0, true, 1e-5);
  }

  /**
   * Defaults overridden by {@code overrides}: keys are the component names, in camelCase or
   * kebab-case ({@code learning-rate}); hidden sizes as a list or "18,36". Unknown keys are errors.
   */
  public static PpoConfig fromMap(Map<String, ?> overrides) {
    PpoConfig c = defaults();
    for (Map.Entry<String, ?> e : overrides.entrySet()) {
      c = c.with(e.getKey(), e.getValue());
    }
    return c;
  }

  /** This configuration with one key changed (same key rules as {@link #fromMap}). */
  public PpoConfig with(String key, Object value) {
    String k = key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    String n = name;
    EngineKind en = engine;
    int auto = autoEngineMaxWidth;
    boolean dbl = dl4jDoublePrecision;
    long sd = seed;
    double lr = learningRate;
    double g = gamma;
    double lam = gaeLambda;
    double ent = entCoef;
    double vf = vfCoef;
    double mgn = maxGradNorm;
    double clip = clipRange;
    int roll = rolloutSteps;
    int batch = batchSize;
    int ep = epochs;
    int[] ph = policyHidden;
    int[] vh = valueHidden;
    double ls = logStdInit;
    boolean norm = normalizeAdvantage;
    double eps = adamEpsilon;
    try {
      switch (k) {
        case "name" -> n = String.valueOf(value);
        case "engine" -> en = value instanceof EngineKind ek ? ek : EngineKind.parse(String.valueOf(value));
        case "autoenginemaxwidth" -> auto = toInt(value);
        case "dl4jdoubleprecision" -> dbl = toBool(value);
        case "seed" -> sd = (long) toDouble(value);
        case "learningrate" -> lr = toDouble(value);
        case "gamma" -> g = toDouble(value);
        case "gaelambda" -> lam = toDouble(value);
        case "entcoef", "entropycoefficient" -> ent = toDouble(value);
        case "vfcoef", "valuecoefficient" -> vf = toDouble(value);
        case "maxgradnorm" -> mgn = toDouble(value);
        case "cliprange" -> clip = toDouble(value);
        case "rolloutsteps", "nsteps" -> roll = toInt(value);
        case "batchsize" -> batch = toInt(value);
        case "epochs", "nepochs" -> ep = toInt(value);
        case "policyhidden" -> ph = toInts(value);
        case "valuehidden" -> vh = toInts(value);
        case "hidden", "net", "netarch" -> {
          ph = toInts(value);
          vh = ph;
        }
        case "logstdinit" -> ls = toDouble(value);
        case "normalizeadvantage" -> norm = toBool(value);
        case "adamepsilon" -> eps = toDouble(value);
        default -> throw new StackelgridException("unknown PPO configuration key '" + key + "'");
      }
    } catch (NumberFormatException | ClassCastException e) {
      throw new StackelgridException(
          "PPO configuration key '" + key + "' has an unusable value '" + value + "'", e);
    }
    return new PpoConfig(n, en, auto, dbl, sd, lr, g, lam, ent, vf, mgn, clip, roll, batch, ep, ph,
        vh, ls, norm, eps);
  }

  /** The engine this configuration runs on once {@code auto} is resolved by network width. */
  public EngineKind resolvedEngine() {
    if (engine != EngineKind.AUTO) {
      return engine;
    }
    int widest = Math.max(Arrays.stream(policyHidden).max().orElse(0),
        Arrays.stream(valueHidden).max().orElse(0));
    return widest <= autoEngineMaxWidth ? EngineKind.JAVA : EngineKind.DL4J;
  }

  private static void require(boolean ok, String key, Object value) {
    if (!ok) {
      throw new StackelgridException("PPO configuration key '" + key + "' has an invalid value " + value);
    }
  }

  private static double toDouble(Object v) {
    return v instanceof Number num ? num.doubleValue() : Double.parseDouble(String.valueOf(v).trim());
  }

  private static int toInt(Object v) {
    double d = toDouble(v);
    if (d != Math.rint(d)) {
      throw new NumberFormatException("not an integer: " + v);
    }
    return (int) d;
  }

  private static boolean toBool(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
    if (!s.equals("true") && !s.equals("false")) {
      throw new NumberFormatException("not a boolean: " + v);
    }
    return s.equals("true");
  }

  private static int[] toInts(Object v) {
    if (v instanceof int[] a) {
      return a.clone();
    }
    if (v instanceof List<?> list) {
      return list.stream().mapToInt(PpoConfig::toInt).toArray();
    }
    String s = String.valueOf(v).replace("[", "").replace("]", "");
    return Arrays.stream(s.split(",")).map(String::trim).mapToInt(PpoConfig::toInt).toArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PpoConfig c && toString().equals(c.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    return "PpoConfig[name=" + name + ", engine=" + engine + ", autoEngineMaxWidth="
        + autoEngineMaxWidth + ", dl4jDoublePrecision=" + dl4jDoublePrecision + ", seed=" + seed
        + ", learningRate=" + learningRate + ", gamma=" + gamma + ", gaeLambda=" + gaeLambda
        + ", entCoef=" + entCoef + ", vfCoef=" + vfCoef + ", maxGradNorm=" + maxGradNorm
        + ", clipRange=" + clipRange + ", rolloutSteps=" + rolloutSteps + ", batchSize="
        + batchSize + ", epochs=" + epochs + ", policyHidden=" + Arrays.toString(policyHidden)
        + ", valueHidden=" + Arrays.toString(valueHidden) + ", logStdInit=" + logStdInit
        + ", normalizeAdvantage=" + normalizeAdvantage + ", adamEpsilon=" + adamEpsilon + "]";
  }
}
