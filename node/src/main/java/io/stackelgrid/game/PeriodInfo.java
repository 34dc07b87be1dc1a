package io.stackelgrid.game;

import io.stackelgrid.tariff.Tariff;

/**
 * What Algorithm 1 did in one period.
 *
 * @param innerIterations follower best responses of the inner loop (0 once frozen)
 * @param innerDistance the last max_t Σ_n ‖μ^{τ+1}_t − μ^τ_t‖₁ (NaN if no iteration ran)
 * @param tariffChange normalised L1 change of the tariff installed for this period
 * @param frozen whether learning was frozen when the period was played
 * @param innerNanos wall time of the inner loop
 * @param leaderNanos wall time of the leader's best response
 * @param playNanos wall time of the real steps (with per-step follower learning)
 */
public record PeriodInfo(int period, Tariff tariff, int innerIterations, double innerDistance,
    double tariffChange, boolean frozen, long innerNanos, long leaderNanos, long playNanos) {}
