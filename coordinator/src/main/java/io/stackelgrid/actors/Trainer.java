package io.stackelgrid.actors;

import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.learner.LearnerActor.Reply;
import io.stackelgrid.ppo.PpoCheckpoint;
import java.util.concurrent.CompletionStage;

/**
 * Where one learner's best responses are trained: its learner actor in this ActorSystem, or a
 * learner host on another cluster member. The problem travels in the request either way.
 *
 * @param <P> the learner's problem (a follower's or the leader's)
 */
@FunctionalInterface
public interface Trainer<P> {
  CompletionStage<Reply> train(int period, P problem);

  /** Places the learners of one seed somewhere other than this ActorSystem (e.g. a cluster's workers). */
  interface Placement {
    /** The trainer of aggregator {@code aggregator}'s learner, from {@code warmOrNull} (a resumed state). */
    Trainer<FollowerProblem> follower(int aggregator, PpoCheckpoint warmOrNull);

    /** The trainer of the leader's learner (after {@code aggregators} followers), from {@code warmOrNull}. */
    Trainer<LeaderProblem> leader(int aggregators, PpoCheckpoint warmOrNull);
  }
}
