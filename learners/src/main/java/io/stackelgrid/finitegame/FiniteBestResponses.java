package io.stackelgrid.finitegame;

/** Regularised best responses of both players (exactly, or learned from samples). */
interface FiniteBestResponses {
  /** BR_F(π_L) under mean field {@code mu} (null: none): the follower policy [s][aL][aF]. */
  double[][][] follower(double[][] leaderPolicy, double[] mu);

  /** BR_L(π_F): the leader policy [s][aL]. */
  double[][] leader(double[][][] followerPolicy, double[] mu);
}
