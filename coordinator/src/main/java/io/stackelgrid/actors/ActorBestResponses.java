package io.stackelgrid.actors;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.game.BestResponses;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.learner.LearnerActor.Reply;
import io.stackelgrid.learner.LearnerActor.Trained;
import io.stackelgrid.learner.LearnerActor.TrainingFailed;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.ppo.PpoCheckpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Best responses trained by learners behind {@link Trainer}s: the followers' requests go out
 * together (they train in parallel) and the caller waits for all replies. Each learner's state after
 * its last good training comes back in its reply and is kept here for checkpoints. The caller blocks:
 * call from the coordinator's own thread.
 */
public final class ActorBestResponses implements BestResponses {
  /** Training time the learners reported so far: followers (summed over learners) and leader. */
  public record TrainTimes(long followerNanos, long leaderNanos) {}

  private final List<Trainer<FollowerProblem>> followers;
  private final Trainer<LeaderProblem> leader;
  private final List<PolicyParams> initial;
  private final Consumer<String> log;
  /** Followers by bus, then the leader: the state after the last good training (null before). */
  private final PpoCheckpoint[] states;
  private long followerTrainNanos;
  private long leaderTrainNanos;
  private long messagingNanos;

  /**
   * @param followers the trainer of each aggregator's learner, by bus
   * @param initialStates the learners' states to start from (followers by bus, then the leader; null
   *     entries for fresh learners)
   */
  public ActorBestResponses(List<Trainer<FollowerProblem>> followers, Trainer<LeaderProblem> leader,
      List<PolicyParams> initial, List<PpoCheckpoint> initialStates, Consumer<String> log) {
    this.followers = List.copyOf(followers);
    this.leader = leader;
    this.initial = initial;
    this.log = log;
    this.states = initialStates.toArray(new PpoCheckpoint[0]);
  }

  @Override
  public List<PolicyParams> initialFollowers() {
    return initial;
  }

  @Override
  public List<PolicyParams> followers(int period, List<FollowerProblem> problems) {
    long t0 = System.nanoTime();
    List<CompletableFuture<Reply>> replies = new ArrayList<>();
    for (FollowerProblem p : problems) {
      replies.add(followers.get(p.aggregator()).train(period, p).toCompletableFuture());
    }
    List<PolicyParams> out = new ArrayList<>();
    long longest = 0;
    for (int i = 0; i < replies.size(); i++) {
      Reply r = await(replies.get(i), period, "follower");
      keep(problems.get(i).aggregator(), r);
      followerTrainNanos += r.trainNanos();
      longest = Math.max(longest, r.trainNanos());
      out.add(r.policy());
    }
    // The learners train in parallel: what the caller waited beyond the longest training is messaging
    // (serialisation, mailboxes, scheduling).
    messagingNanos += System.nanoTime() - t0 - longest;
    return out;
  }

  @Override
  public PolicyParams leader(int period, LeaderProblem problem) {
    long t0 = System.nanoTime();
    Reply r = await(leader.train(period, problem).toCompletableFuture(), period, "leader");
    keep(states.length - 1, r);
    leaderTrainNanos += r.trainNanos();
    messagingNanos += System.nanoTime() - t0 - r.trainNanos();
    return r.policy();
  }

  private void keep(int learner, Reply r) {
    if (r instanceof Trained t) {
      states[learner] = t.state();
    } else if (r instanceof TrainingFailed f) {
      log.accept(f.cause());
    }
  }

  /** Learner states after their last good training (followers by bus, then the leader; null before). */
  public List<PpoCheckpoint> states() {
    return Arrays.asList(states.clone());
  }

  public TrainTimes trainTimes() {
    return new TrainTimes(followerTrainNanos, leaderTrainNanos);
  }

  /** Caller-side wait beyond the learners' own training time, summed over calls, nanoseconds. */
  public long messagingNanos() {
    return messagingNanos;
  }

  private static Reply await(CompletableFuture<Reply> reply, int period, String who) {
    try {
      return reply.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new io.stackelgrid.common.RunFailedException("no reply from the " + who + " learner(s) in period " + period + ": "
          + (cause.getMessage() != null ? cause.getMessage() : cause), cause);
    }
  }
}
