package io.stackelgrid.world;

import io.stackelgrid.tariff.Tariff;

/**
 * One leader period's bills (MODEL.md §4): mean bill and EEI per household group, EEI per tariff
 * group, the EEI gap, the income spread (over tariff groups) and the utility's revenue.
 *
 * @param days length of the period (the last may be shorter)
 * @param tariffGroupEeiPct EEI of each tariff group (its household groups weighted by count)
 */
public record PeriodRecord(int period, double days, Tariff tariff, double[] meanBillUsd,
    double[] eeiPct, double[] tariffGroupEeiPct, double eeiGapPp, double incomeSpreadPp, double netRevenueUsd,
    double revenueRatio) {}
