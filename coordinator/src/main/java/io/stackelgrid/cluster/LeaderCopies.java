package io.stackelgrid.cluster;

import akka.actor.typed.ActorSystem;
import akka.cluster.ClusterEvent;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import io.stackelgrid.common.RunFailedException;
import io.stackelgrid.game.LeaderEnv;
import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.ppo.CopySegments;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.ppo.RemoteCopies;
import io.stackelgrid.ppo.RolloutParams;
import io.stackelgrid.ppo.Segment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's rollout copies k ≥ 1 on the cluster's members during one learn call, seen from the
 * leader's learner ({@link RolloutCopyHost} entities). A copy that does not answer within the attempt
 * timeout, or whose member is lost while the learner waits, is collected here instead for the rest of
 * the call: rebuilt from the problem and brought to where it stood by replaying the call's earlier
 * rollouts, so the learner's state does not depend on where its copies ran or whether a member left.
 * Used on the learner's own thread, which blocks while it waits (as a learn call does).
 */
final class LeaderCopies implements RemoteCopies {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderCopies.class);
  /** How often a waiting learner looks whether a member was lost. */
  private static final Duration POLL = Duration.ofMillis(500);

  /** Everything a copy request carries besides the rollout. */
  record Call(String leaderEntityId, String scenario, List<String> overrides, String scenarioDigest, long seed,
      int period, long call, LeaderProblem problem, LearnerTraining.Loaded loaded) {}

  private final ActorSystem<?> system;
  private final ResidentLearners entities;
  private final Call call;
  private final PpoLearner learner;
  private final Duration attemptTimeout;
  /** The parameters of each rollout asked so far in this call, in order. */
  private final List<RolloutParams> history = new ArrayList<>();
  /** Copies collected here after their member failed them, each at its next rollout. */
  private final java.util.Map<Integer, CopySegments> here = new java.util.HashMap<>();
  private LeaderEnv env;

  LeaderCopies(ActorSystem<?> system, ResidentLearners entities, Call call, PpoLearner learner,
      Duration attemptTimeout) {
    this.system = system;
    this.entities = entities;
    this.call = call;
    this.learner = learner;
    this.attemptTimeout = attemptTimeout;
  }

  /** The entity id of copy {@code copy} of the leader {@code leaderEntityId}. */
  static String copyId(String leaderEntityId, int copy) {
    return leaderEntityId + "/copy-" + copy;
  }

  @Override
  public Pending request(int copy, int rollout, int rows, RolloutParams params) {
    if (rollout == history.size()) {
      history.add(params);
    }
    if (here.containsKey(copy)) {
      return () -> here.get(copy).collect(rows, params);
    }
    CompletableFuture<RolloutCopyHost.Answer> answer = ask(copy, rollout, rows, params, rollout == 0);
    Set<String> membersAtStart = upMembers();
    return () -> await(copy, rollout, rows, params, answer, membersAtStart);
  }

  private CompletableFuture<RolloutCopyHost.Answer> ask(int copy, int rollout, int rows, RolloutParams params,
      boolean withProblem) {
    List<RolloutParams> earlier = withProblem ? List.copyOf(history.subList(0, rollout)) : List.of();
    return entities.copyRef(copyId(call.leaderEntityId(), copy)).<RolloutCopyHost.Answer>ask(
        replyTo -> new RolloutCopyHost.Collect(call.scenario(), call.overrides(), call.scenarioDigest(), call.seed(),
            call.period(),
            call.call(), copy, rollout, rows, withProblem ? call.problem() : null, earlier, params, replyTo),
        attemptTimeout).toCompletableFuture();
  }

  private Segment await(int copy, int rollout, int rows, RolloutParams params,
      CompletableFuture<RolloutCopyHost.Answer> first, Set<String> membersAtStart) {
    CompletableFuture<RolloutCopyHost.Answer> answer = first;
    boolean sentHistory = rollout == 0;
    while (true) {
      RolloutCopyHost.Answer a;
      try {
        a = answer.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        Set<String> lost = new HashSet<>(membersAtStart);
        lost.removeAll(upMembers());
        if (!lost.isEmpty()) {
          return collectHere(copy, rollout, rows, params, "member(s) " + lost + " lost");
        }
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunFailedException("leader's rollout copy " + copy + " (seed " + call.seed() + ", period "
            + call.period() + "): interrupted while waiting", e);
      } catch (ExecutionException e) {
        return collectHere(copy, rollout, rows, params, "no answer within " + attemptTimeout + " ("
            + e.getCause() + ")");
      }
      if (a instanceof RolloutCopyHost.Collected c) {
        return c.segment();
      }
      if (a instanceof RolloutCopyHost.Refused r) {
        throw new RunFailedException(r.error());
      }
      if (sentHistory) {
        throw new RunFailedException("leader's rollout copy " + copy + " on " + ((RolloutCopyHost.NeedHistory) a).host()
            + " asked for its history again after receiving it (seed " + call.seed() + ", period " + call.period() + ")");
      }
      sentHistory = true;
      answer = ask(copy, rollout, rows, params, true);
    }
  }

  /** Copy {@code copy} rebuilt in this JVM, replayed to {@code rollout}, and collected here from now on. */
  private Segment collectHere(int copy, int rollout, int rows, RolloutParams params, String why) {
    LOG.warn("leader's rollout copy {} (seed {}, period {}, rollout {}): {}; collected by the leader's learner from "
        + "now on in this call, replaying {} earlier rollout(s)", copy, call.seed(), call.period(), rollout, why,
        rollout);
    if (env == null) {
      env = LearnerTraining.leaderEnv(call.loaded(), call.problem());
    }
    CopySegments c = learner.copySegments(env.rolloutCopy(copy), copy, env.rolloutCopySalt());
    for (int r = 0; r < rollout; r++) {
      c.collect(rows, history.get(r));
    }
    here.put(copy, c);
    return c.collect(rows, params);
  }

  /** Closes the copies collected here. */
  void close() {
    here.values().forEach(CopySegments::close);
    here.clear();
  }

  private Set<String> upMembers() {
    Set<String> up = new HashSet<>();
    akka.cluster.ClusterEvent.CurrentClusterState state = Cluster.get(system).state();
    Set<Member> unreachable = new HashSet<>();
    state.getUnreachable().forEach(unreachable::add);
    for (Member m : state.getMembers()) {
      if (m.status() == MemberStatus.up() && !unreachable.contains(m)) {
        up.add(m.address().toString());
      }
    }
    return up;
  }
}
