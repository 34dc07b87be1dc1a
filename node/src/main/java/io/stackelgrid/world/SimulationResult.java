package io.stackelgrid.world;

import java.util.List;

/**
 * What a simulation produced: every step and period, and the run's metrics (MODEL.md §8).
 *
 * @param imvLastDaysUsdPerMwh IMV per bus over the last {@code imvDays} days
 * @param imvLastDaysSystemUsdPerMwh the mean of those over buses
 * @param eeiPct EEI per customer group over the run
 * @param prosumerNetDemandShape prosumers' mean net energy per step of day over their storage
 * @param consumerDemandShape consumers' mean energy per step of day over their equivalent storage
 */
public record SimulationResult(List<StepRecord> steps, List<PeriodRecord> periods,
    double[] imvLastDaysUsdPerMwh, double imvLastDaysSystemUsdPerMwh, int imvDays, double[] eeiPct,
    double eeiGapPp, double incomeSpreadPp, double netRevenueUsd, double revenueRatio,
    double generationCostUsd, double curtailedMwh, List<SlackEvent> slackEvents,
    double[] prosumerNetDemandShape, double[] consumerDemandShape) {

  /** The last period's record. */
  public PeriodRecord lastPeriod() {
    return periods.get(periods.size() - 1);
  }
}
