package io.stackelgrid.ppo;

/**
 * Where a learner's rollout copies k ≥ 1 are collected when not on its own threads (e.g. on other
 * cluster members). The learner asks for all of a rollout's segments, collects copy 0 itself, then
 * waits for each in copy order; a segment must equal what {@link CopySegments} gives for the same
 * copy, rollout and parameters, wherever it was collected.
 */
public interface RemoteCopies {
  /**
   * Starts collecting copy {@code copy}'s segment of rollout {@code rollout} (0, 1, … within one
   * {@link PpoLearner#learn} call) with {@code params}.
   */
  Pending request(int copy, int rollout, int rows, RolloutParams params);

  /** A segment on its way. */
  interface Pending {
    /** Blocks until the segment is there. */
    Segment await();
  }
}
