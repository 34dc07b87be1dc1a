package io.stackelgrid.actors;

import io.stackelgrid.common.RunInterruptedException;
import io.stackelgrid.common.RunFailedException;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import com.google.protobuf.Message;
import io.stackelgrid.game.BestResponses;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.LeaderEnv;
import io.stackelgrid.proto.PolicyParams;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.proto.TrainFollower;
import io.stackelgrid.proto.TrainLeader;
import io.stackelgrid.proto.TrainReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Best responses trained by learner actors: the followers' requests go out together (they train in
 * parallel) and the caller waits for all replies; a local leader's environment is handed over through
 * a shared slot its actor reads. Call from a thread that may block (the coordinator's dispatcher).
 */
public final class ActorBestResponses implements BestResponses {
  private final ActorSystem<?> system;
  private final List<FollowerTrainer> followers;
  private final LeaderTrainer leader;
  private final List<PolicyParams> initial;
  private final Duration timeout;
  private final Consumer<String> log;
  private final long[] trainNanos = new long[2];
  private long messagingNanos;

  /**
   * @param followers the trainer of each aggregator's learner, by bus (local actors or remote hosts)
   * @param leader the trainer of the leader's learner (local actor or remote host)
   */
  public ActorBestResponses(ActorSystem<?> system, List<FollowerTrainer> followers, LeaderTrainer leader,
      List<PolicyParams> initial, Duration timeout, Consumer<String> log) {
    this.system = system;
    this.followers = followers;
    this.leader = leader;
    this.initial = initial;
    this.timeout = timeout;
    this.log = log;
  }

  @Override
  public List<PolicyParams> initialFollowers() {
    return initial;
  }

  @Override
  public List<PolicyParams> followers(int period, List<FollowerProblem> problems) {
    long t0 = System.nanoTime();
    List<CompletableFuture<TrainReply>> replies = new ArrayList<>();
    for (FollowerProblem p : problems) {
      replies.add(followers.get(p.bus()).train(period, p));
    }
    List<PolicyParams> out = new ArrayList<>();
    long longest = 0;
    for (CompletableFuture<TrainReply> f : replies) {
      TrainReply r = await(f, period, "followers");
      trainNanos[0] += r.getTrainNanos();
      longest = Math.max(longest, r.getTrainNanos());
      out.add(r.getParams());
    }
    // The learners train in parallel: what the caller waited beyond the longest training is messaging
    // (serialisation, mailboxes, scheduling).
    messagingNanos += System.nanoTime() - t0 - longest;
    return out;
  }

  /** The trainer of a local learner actor: asks it and waits up to {@code timeout}. */
  public static FollowerTrainer local(ActorSystem<?> system, ActorRef<Message> learner, Duration timeout) {
    ActorRefResolver resolver = ActorRefResolver.get(system);
    return (period, p) -> AskPattern.<Message, TrainReply>ask(learner,
        replyTo -> TrainFollower.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setPeriod(period)
            .setProblem(p.toMessage()).setReplyTo(resolver.toSerializationFormat(replyTo)).build(),
        timeout, system.scheduler()).toCompletableFuture();
  }

  /**
   * The trainer of a local leader learner actor: puts the environment into the slot the actor reads,
   * asks it and waits up to {@code timeout}.
   */
  public static LeaderTrainer localLeader(ActorSystem<?> system, ActorRef<Message> learner,
      AtomicReference<LeaderEnv> envSlot, Duration timeout) {
    ActorRefResolver resolver = ActorRefResolver.get(system);
    return (period, env) -> {
      envSlot.set(env);
      return AskPattern.<Message, TrainReply>ask(learner,
          replyTo -> TrainLeader.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setPeriod(period)
              .setReplyTo(resolver.toSerializationFormat(replyTo)).build(),
          timeout, system.scheduler()).toCompletableFuture();
    };
  }

  @Override
  public PolicyParams leader(int period, LeaderEnv env) {
    long t0 = System.nanoTime();
    TrainReply r = await(leader.train(period, env), period, "leader");
    trainNanos[1] += r.getTrainNanos();
    messagingNanos += System.nanoTime() - t0 - r.getTrainNanos();
    return r.getParams();
  }

  /** Training time reported by the learners so far: {followers (summed), leader}, nanoseconds. */
  public long[] trainNanos() {
    return trainNanos.clone();
  }

  /** Caller-side wait beyond the learners' own training time, summed over calls, nanoseconds. */
  public long messagingNanos() {
    return messagingNanos;
  }

  private TrainReply await(CompletableFuture<TrainReply> f, int period, String who) {
    try {
      TrainReply r = f.get();
      SchemaVersions.require(r.getSchemaVersion(), "TrainReply", r.getLearner());
      if (!r.getFailure().isEmpty()) {
        log.accept(r.getFailure());
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunInterruptedException("interrupted waiting for the " + who + " (period " + period + ")", e);
    } catch (ExecutionException e) {
      throw new RunFailedException("no reply from the " + who + " learner(s) in period " + period + ": " + e.getCause(), e);
    }
  }
}
