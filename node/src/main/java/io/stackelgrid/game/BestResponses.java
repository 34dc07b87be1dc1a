package io.stackelgrid.game;

import io.stackelgrid.ppo.PolicyParams;
import java.util.List;

/**
 * Where best responses are trained: in-process learners ({@link LocalBestResponses}) or learner
 * actors. Each call warm-starts the named learner, trains it for the budget and returns its policy.
 */
public interface BestResponses {
  /** BR_F of every aggregator (in the table's order), trained in parallel where possible. */
  List<PolicyParams> followers(int period, List<FollowerProblem> problems);

  /** BR_L against the frozen followers, in the environment of {@code problem}. */
  PolicyParams leader(int period, LeaderProblem problem);

  /** The follower policies in force before any training (the learners' initial networks). */
  List<PolicyParams> initialFollowers();
}
