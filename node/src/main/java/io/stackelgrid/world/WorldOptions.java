package io.stackelgrid.world;

/**
 * How a world runs: the follower policy by name, mean field or finite N, whether triangular noise is
 * drawn (false: every draw at its mode), and the seed all draws derive from.
 */
public record WorldOptions(String policy, boolean meanField, boolean noise, long seed) {}
