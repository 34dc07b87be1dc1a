package io.stackelgrid.actors;

import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.proto.PpoCheckpoint;
import io.stackelgrid.proto.TrainReply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where one aggregator's best response is trained: its local learner actor, or a learner host on
 * another cluster member. The reply completes after the learner's last good state is updated.
 */
@FunctionalInterface
public interface FollowerTrainer {
  CompletableFuture<TrainReply> train(int period, FollowerProblem problem);

  /** Places the follower learners of one seed somewhere other than this ActorSystem. */
  @FunctionalInterface
  interface Placement {
    /**
     * The trainer of the learner at {@code bus}.
     *
     * @param lastGood the learner's state after its last good training (null before its first); the
     *     trainer sends it with each request and sets it on success
     */
    FollowerTrainer follower(int bus, AtomicReference<PpoCheckpoint> lastGood);
  }
}
