package io.stackelgrid.actors;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.game.BestResponses;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.game.LearnerStates;
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
  /** The aggregators' ids in the table's order (the followers' trainers and states are in it). */
  private final List<String> aggregatorIds;
  /** Each follower's state after its last good training (null before), by aggregator. */
  private final PpoCheckpoint[] followerStates;
  private PpoCheckpoint leaderState;
  private long followerTrainNanos;
  private long leaderTrainNanos;
  private long messagingNanos;

  /**
   * @param followers the trainer of each aggregator's learner, in the table's order
   * @param aggregatorIds the aggregators' ids in that order
   * @param initialStates the learners' states to start from (nulls for fresh learners)
   */
  public ActorBestResponses(List<Trainer<FollowerProblem>> followers, List<String> aggregatorIds,
      Trainer<LeaderProblem> leader, List<PolicyParams> initial, LearnerStates initialStates, Consumer<String> log) {
    this.followers = List.copyOf(followers);
    this.aggregatorIds = List.copyOf(aggregatorIds);
    this.leader = leader;
    this.initial = initial;
    this.log = log;
    this.followerStates = new PpoCheckpoint[aggregatorIds.size()];
    for (int a = 0; a < followerStates.length; a++) {
      followerStates[a] = initialStates.follower(aggregatorIds.get(a));
    }
    this.leaderState = initialStates.leader();
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
      replies.add(followers.get(p.aggregator()).train(period, p, followerStates[p.aggregator()]).toCompletableFuture());
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
    Reply r = await(leader.train(period, problem, leaderState).toCompletableFuture(), period, "leader");
    if (r instanceof Trained t) {
      leaderState = t.state();
    } else if (r instanceof TrainingFailed f) {
      log.accept(f.cause());
    }
    leaderTrainNanos += r.trainNanos();
    messagingNanos += System.nanoTime() - t0 - r.trainNanos();
    return r.policy();
  }

  private void keep(int aggregator, Reply r) {
    if (r instanceof Trained t) {
      followerStates[aggregator] = t.state();
    } else if (r instanceof TrainingFailed f) {
      log.accept(f.cause());
    }
  }

  /** Learner states after their last good training (null before a learner's first). */
  public LearnerStates states() {
    java.util.Map<String, PpoCheckpoint> followers = new java.util.LinkedHashMap<>();
    for (int a = 0; a < aggregatorIds.size(); a++) {
      followers.put(aggregatorIds.get(a), followerStates[a]);
    }
    return new LearnerStates(followers, leaderState);
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
      if (cause instanceof io.stackelgrid.common.RunFailedException named) {
        // The learner's side already named the learner, its member, the seed and the period.
        throw new io.stackelgrid.common.RunFailedException(named.getMessage(), named);
      }
      throw new io.stackelgrid.common.RunFailedException("no reply from the " + who + " learner(s) in period " + period + ": "
          + (cause.getMessage() != null ? cause.getMessage() : cause), cause);
    }
  }
}
