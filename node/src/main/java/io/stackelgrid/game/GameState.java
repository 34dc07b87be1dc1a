package io.stackelgrid.game;

import io.stackelgrid.ppo.PolicyParams;
import java.util.List;

/**
 * What a game needs, besides its learners, to continue from a period boundary: the steps played, the
 * follower policies installed in the real world and when, the periods' decisions, and the
 * algorithm's memory. The worlds themselves are rebuilt by replaying the steps with these inputs
 * (they are a deterministic function of seed, policies and tariffs).
 */
public record GameState(int stepsDone, boolean frozen, long followerCalls, LeaderState leader,
    List<PolicyChange> policies, List<PeriodInfo> periods) {

  /** Policy {@code params} installed at aggregator {@code aggregator} (index) before real step {@code step}. */
  public record PolicyChange(int step, int aggregator, PolicyParams params) {}
}
