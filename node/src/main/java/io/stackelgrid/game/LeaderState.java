package io.stackelgrid.game;

import io.stackelgrid.tariff.Tariff;

/** What the leader remembers of the last period: EEI gap (pp), revenue ratio and the tariff in force. */
public record LeaderState(double eeiGapPp, double revenueRatio, Tariff tariff) {}
