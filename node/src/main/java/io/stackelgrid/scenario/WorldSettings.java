package io.stackelgrid.scenario;

/**
 * Typed settings of the world without learning (MODEL.md §5–§6): mean field, beliefs, observation
 * scaling and the rule policy, read from a scenario with errors naming file and key.
 *
 * @param socBins SoC bins of the mean field per cohort
 * @param quadratureNodes Gauss–Hermite nodes of Γ
 * @param spread true for real-play = distribution, false for mean
 * @param damping β of the inner loop, in (0, 1]
 * @param actionBins bins of the action histogram
 * @param beliefRate rate of the LMP belief update
 * @param priceScaleUsdPerMwh divisor of belief prices in the observation
 * @param ruleCheapQuantile fraction of the day's steps the rule policy charges in
 * @param ruleDearQuantile fraction of the day's steps the rule policy discharges in
 */
public record WorldSettings(int socBins, int quadratureNodes, boolean spread, double damping,
    int actionBins, double beliefRate, double priceScaleUsdPerMwh, double ruleCheapQuantile,
    double ruleDearQuantile) {

  /** Reads the settings of {@code scenario}. */
  public static WorldSettings of(Scenario scenario) {
    Keys root = new Keys(scenario.config(), "", scenario.origin());
    Keys mf = root.at("mean-field");
    int bins = mf.positiveInt("soc-bins");
    if (bins < 2) {
      throw mf.fail("soc-bins", "must be at least 2, got " + bins);
    }
    int nodes = mf.positiveInt("quadrature-nodes");
    if (nodes > 64) {
      throw mf.fail("quadrature-nodes", "must be at most 64, got " + nodes);
    }
    String play = mf.string("real-play");
    boolean spread = switch (play) {
      case "distribution" -> true;
      case "mean" -> false;
      default -> throw mf.fail("real-play", "must be distribution or mean, got '" + play + "'");
    };
    double damping = mf.number("damping");
    if (!(damping > 0 && damping <= 1)) {
      throw mf.fail("damping", "must be in (0, 1], got " + damping);
    }
    String initial = mf.string("initial-soc");
    if (!initial.equals("uniform")) {
      throw mf.fail("initial-soc", "only 'uniform' is supported, got '" + initial + "'");
    }
    int actionBins = mf.positiveInt("action-bins");
    if (actionBins < 2) {
      throw mf.fail("action-bins", "must be at least 2, got " + actionBins);
    }
    Keys follower = root.at("learning").at("follower");
    double rate = follower.number("belief-rate");
    if (!(rate > 0 && rate <= 1)) {
      throw follower.fail("belief-rate", "must be in (0, 1], got " + rate);
    }
    double priceScale = follower.positive("observation-price-scale-usd-per-mwh");
    Keys rule = root.at("policies").at("rule");
    double cheap = fraction(rule, "cheap-quantile");
    double dear = fraction(rule, "dear-quantile");
    if (cheap + dear > 1) {
      throw rule.fail("dear-quantile", "cheap-quantile + dear-quantile must be at most 1, got "
          + cheap + " + " + dear);
    }
    return new WorldSettings(bins, nodes, spread, damping, actionBins, rate, priceScale, cheap, dear);
  }

  private static double fraction(Keys k, String key) {
    double v = k.number(key);
    if (v < 0 || v > 1) {
      throw k.fail(key, "must be in [0, 1], got " + v);
    }
    return v;
  }
}
