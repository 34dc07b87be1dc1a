package io.stackelgrid.actors;

import io.stackelgrid.game.LeaderEnv;
import io.stackelgrid.proto.TrainReply;
import java.util.concurrent.CompletableFuture;

/**
 * Where the leader's best response is trained: its local learner actor (handed the environment
 * itself), or a learner host on another cluster member (sent the environment's state). The reply
 * completes after the learner's last good state is updated.
 */
@FunctionalInterface
public interface LeaderTrainer {
  CompletableFuture<TrainReply> train(int period, LeaderEnv env);
}
