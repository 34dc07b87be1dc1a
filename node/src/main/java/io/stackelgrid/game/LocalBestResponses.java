package io.stackelgrid.game;

import io.stackelgrid.ppo.Env;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.ppo.PpoTrainingException;
import io.stackelgrid.ppo.PolicyParams;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Best responses on in-process PPO learners: followers on a small thread pool (one learner per
 * thread at a time, so results do not depend on scheduling), the leader on the caller's thread. A
 * learner whose update fails keeps its last good parameters; the failure is reported.
 */
public final class LocalBestResponses implements BestResponses, AutoCloseable {
  private final PpoLearner[] followers;
  private final PpoLearner leader;
  private final long budgetSteps;
  private final long seed;
  private final Consumer<String> log;
  private final ExecutorService pool;
  private final Function<LeaderProblem, Env> leaderEnv;

  /** @param leaderEnv the leader's environment of a problem (e.g. {@code p -> p.env(scenario, settings, game)}) */
  public LocalBestResponses(PpoLearner[] followers, PpoLearner leader, long budgetSteps, long seed,
      Consumer<String> log, Function<LeaderProblem, Env> leaderEnv) {
    this.leaderEnv = leaderEnv;
    this.followers = followers;
    this.leader = leader;
    this.budgetSteps = budgetSteps;
    this.seed = seed;
    this.log = log;
    this.pool = Executors.newFixedThreadPool(Math.max(1, Math.min(followers.length,
        Runtime.getRuntime().availableProcessors())), r -> {
          Thread t = new Thread(r, "follower-learner");
          t.setDaemon(true);
          return t;
        });
  }

  /** The learner of aggregator {@code a}. */
  public PpoLearner follower(int a) {
    return followers[a];
  }

  public PpoLearner leader() {
    return leader;
  }

  @Override
  public List<PolicyParams> initialFollowers() {
    List<PolicyParams> out = new ArrayList<>();
    for (PpoLearner l : followers) {
      out.add(l.exportParams());
    }
    return out;
  }

  @Override
  public List<PolicyParams> followers(int period, List<FollowerProblem> problems) {
    List<Future<PolicyParams>> jobs = new ArrayList<>();
    for (int a = 0; a < problems.size(); a++) {
      FollowerProblem p = problems.get(a);
      PpoLearner l = followers[a];
      jobs.add(pool.submit(() -> train(l, period, new FollowerEnv(p, FollowerEnv.copiesFor(l.config().rolloutSteps())))));
    }
    List<PolicyParams> out = new ArrayList<>();
    for (Future<PolicyParams> f : jobs) {
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while followers learn (seed " + seed + ", period " + period + ")", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("follower learning failed (seed " + seed + ", period " + period + "): "
            + e.getCause(), e.getCause());
      }
    }
    return out;
  }

  @Override
  public PolicyParams leader(int period, LeaderProblem problem) {
    return train(leader, period, leaderEnv.apply(problem));
  }

  private PolicyParams train(PpoLearner l, int period, Env env) {
    l.setEnv(env);
    try {
      l.learn(budgetSteps);
    } catch (PpoTrainingException e) {
      // The learner keeps the parameters of its last good update: carry on with those.
      log.accept("learner " + l.config().name() + " failed (seed " + seed + ", period " + period
          + "): " + e.getMessage() + "; continuing from its last good parameters");
    }
    return l.exportParams();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
