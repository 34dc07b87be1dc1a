package io.stackelgrid.actors;

import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.learner.LearnerActor.Reply;
import io.stackelgrid.ppo.PpoCheckpoint;
import java.util.concurrent.CompletionStage;

/**
 * Where one learner's best responses are trained: its learner actor in this ActorSystem, or a
 * resident learner on a cluster member. The problem travels in the request either way; the
 * learner's last good state stays with the caller, which passes it along for a learner that lost it.
 *
 * @param <P> the learner's problem (a follower's or the leader's)
 */
@FunctionalInterface
public interface Trainer<P> {
  /**
   * One best response.
   *
   * @param lastGoodOrNull the learner's state after its last good training (null before the first)
   */
  CompletionStage<Reply> train(int period, P problem, PpoCheckpoint lastGoodOrNull);

  /** Places the learners of one seed somewhere other than this ActorSystem (e.g. a cluster's workers). */
  interface Placement {
    /** The trainer of aggregator {@code aggregator}'s learner. */
    Trainer<FollowerProblem> follower(int aggregator);

    /** The trainer of the leader's learner. */
    Trainer<LeaderProblem> leader();

    /** A period was played: what its trainings measured may move learners. */
    default void periodPlayed() {}

    /** The seed is done: free its learners. */
    default void release() {}
  }
}
