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

  /** Places the learners of one seed (followers and leader) somewhere other than this ActorSystem. */
  interface Placement {
    /**
     * The trainer of the learner at {@code bus}.
     *
     * @param lastGood the learner's state after its last good training (null before its first); the
     *     trainer sends it with each request and sets it on success
     */
    FollowerTrainer follower(int bus, AtomicReference<PpoCheckpoint> lastGood);

    /** The trainer of the leader's learner ({@code lastGood} as for a follower). */
    LeaderTrainer leader(AtomicReference<PpoCheckpoint> lastGood);
  }
}
