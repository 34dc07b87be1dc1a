package io.stackelgrid.game;

import io.stackelgrid.world.PeriodRecord;

/**
 * What the leader's reward measures of a played period (MODEL.md §6, key
 * {@code learning.leader.reward}); every variant also subtracts the revenue shortfall penalty.
 */
public enum LeaderReward {
  /** −|EEI gap| between consumers and prosumers, pp (the measure of the paper's Fig. 6). */
  GAP("gap"),
  /** −(max − min EEI over the customer groups), pp: inequality across incomes (Fig. 2). */
  SPREAD("spread"),
  /** −|EEI gap| − income spread, both in pp. */
  GAP_SPREAD("gap+spread");

  private final String key;

  LeaderReward(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** The variant named {@code key}, or null. */
  public static LeaderReward byKey(String key) {
    for (LeaderReward r : values()) {
      if (r.key.equals(key)) {
        return r;
      }
    }
    return null;
  }

  /** The reward of one period: −(this measure) − penalty·max(0, days·R − net revenue)/(days·R). */
  public double of(PeriodRecord p, double requirementUsdPerDay, double penalty) {
    double required = p.days() * requirementUsdPerDay;
    double shortfall = required <= 0 ? 0 : Math.max(0, required - p.netRevenueUsd()) / required;
    double inequity = switch (this) {
      case GAP -> Math.abs(p.eeiGapPp());
      case SPREAD -> p.incomeSpreadPp();
      case GAP_SPREAD -> Math.abs(p.eeiGapPp()) + p.incomeSpreadPp();
    };
    return -inequity - penalty * shortfall;
  }
}
