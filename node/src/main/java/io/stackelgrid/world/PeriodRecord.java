package io.stackelgrid.world;

import io.stackelgrid.tariff.Tariff;

/**
 * One leader period's bills (MODEL.md §4), arrays per customer group.
 *
 * @param days length of the period (the last may be shorter)
 */
public record PeriodRecord(int period, double days, Tariff tariff, double[] meanBillUsd,
    double[] eeiPct, double eeiGapPp, double incomeSpreadPp, double netRevenueUsd,
    double revenueRatio) {}
