package io.stackelgrid.ppo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Collects a learner's rollouts from the K copies of its environment (MODEL.md §10, Stable-Baselines3's
 * n_envs): copy k fills rows [k·n/K, (k+1)·n/K) of a rollout of n and computes their advantages on its
 * own. With K > 1 the copies step in parallel on a fixed pool; each has its own environment, networks,
 * action stream and buffers and writes only its segment, so a rollout depends on K, never on the pool
 * size or on which thread ran which copy.
 *
 * <p>Copy 0 acts with the learner's own networks and draws from the learner's own stream, exactly as a
 * single environment always did (K = 1 keeps its bytes). Copy k ≥ 1 acts with a sibling engine set to
 * the same parameters and draws from a fresh {@link Rng} seeded by {@link #copySeed}.
 */
final class RolloutCollector implements AutoCloseable {
  /** Purpose salt of the copies' action streams ("copies" in ASCII), apart from the learner's others. */
  private static final long COPY_STREAMS = 0x636f70696573L;

  private final String learnerName;
  private final long seed;
  private final PolicyNetworks nets;
  private final Rng rng;
  private final double gamma;
  private final double lambda;
  private final List<PolicyNetworks> siblings = new ArrayList<>();
  private int threads;
  private ExecutorService pool;
  private int poolSize;
  private RolloutCopy[] copies = new RolloutCopy[0];
  private RemoteCopies remote;
  /** Copies in this learn call (copy 0 and, with {@link #remote}, the others elsewhere). */
  private int copyCount;
  private int rolloutIndex;

  /**
   * @param seed the learner's seed, from which copies k ≥ 1 derive their action streams
   * @param nets the learner's networks (copy 0 acts with them)
   * @param rng the learner's stream (copy 0 samples from it)
   */
  RolloutCollector(String learnerName, long seed, PolicyNetworks nets, Rng rng, double gamma, double lambda) {
    this.learnerName = learnerName;
    this.seed = seed;
    this.nets = nets;
    this.rng = rng;
    this.gamma = gamma;
    this.lambda = lambda;
  }

  /**
   * Seed of copy k's action stream (k ≥ 1) in a call whose environment has {@code salt}: the learner's
   * seed, then the salt (the leader's period), then the copy, each mixed in by SplitMix64, so no two
   * (period, copy) pairs share a stream and none is the learner's own.
   */
  static long copySeed(long learnerSeed, long salt, int copy) {
    return Rng.mix(Rng.mix(Rng.mix(learnerSeed, COPY_STREAMS), salt), copy);
  }

  /** Threads for the copies (at most K are used); 0 means one per available processor. */
  void setThreads(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("learner " + learnerName + ": " + count + " rollout threads");
    }
    threads = count;
  }

  /**
   * Collects copies k ≥ 1 through {@code remoteOrNull} (e.g. on other members) instead of on this
   * JVM's threads, from the next {@link #begin} on; null: here.
   */
  void setRemote(RemoteCopies remoteOrNull) {
    remote = remoteOrNull;
  }

  /** The copy {@link CopySegments} of copy {@code copy} (k ≥ 1) of an environment with {@code salt}. */
  CopySegments segments(Env copyEnv, int copy, long salt) {
    return new CopySegments(copyEnv, nets.sibling(), new Rng(copySeed(seed, salt, copy)), gamma, lambda);
  }

  /** Starts a learn call on {@code env}: every copy built and reset (those elsewhere, there). */
  void begin(Env env) {
    int k = env.rolloutCopies();
    copyCount = k;
    rolloutIndex = 0;
    if (remote != null && k > 1) {
      copies = new RolloutCopy[] {new RolloutCopy(env, nets, rng)};
      return;
    }
    copies = new RolloutCopy[k];
    copies[0] = new RolloutCopy(env, nets, rng);
    while (siblings.size() < k - 1) {
      siblings.add(nets.sibling());
    }
    for (int c = 1; c < k; c++) {
      copies[c] = new RolloutCopy(env.rolloutCopy(c), siblings.get(c - 1),
          new Rng(copySeed(seed, env.rolloutCopySalt(), c)));
    }
  }

  /** Fills {@code buf} with one rollout of every copy under these parameters, segments in copy order. */
  void collect(Rollout buf, float[] policyParams, float[] valueParams, float[] logStd) {
    int k = copyCount;
    int rows = buf.size / k;
    if (copies.length < k) {
      collectElsewhere(buf, rows, RolloutParams.copyOf(policyParams, valueParams, logStd));
      return;
    }
    if (k == 1) {
      copies[0].collect(buf, 0, rows, logStd, gamma, lambda);
      return;
    }
    for (int c = 1; c < k; c++) {
      siblings.get(c - 1).setParams(policyParams, valueParams);
    }
    ExecutorService p = pool(k);
    List<Future<?>> jobs = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      RolloutCopy copy = copies[c];
      int first = c * rows;
      jobs.add(p.submit(() -> copy.collect(buf, first, rows, logStd, gamma, lambda)));
    }
    awaitAll(jobs);
  }

  /** Copy 0 here, the others through {@link #remote}: all asked first, then joined in copy order. */
  private void collectElsewhere(Rollout buf, int rows, RolloutParams params) {
    List<RemoteCopies.Pending> pending = new ArrayList<>();
    for (int c = 1; c < copyCount; c++) {
      pending.add(remote.request(c, rolloutIndex, rows, params));
    }
    copies[0].collect(buf, 0, rows, params.logStd(), gamma, lambda);
    for (int c = 1; c < copyCount; c++) {
      pending.get(c - 1).await().writeInto(buf, c * rows);
    }
    rolloutIndex++;
  }

  /** Waits for every copy (none may still touch the learner's stream), then throws the first failure in copy order. */
  private void awaitAll(List<Future<?>> jobs) {
    Throwable failure = null;
    boolean interrupted = false;
    for (Future<?> f : jobs) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause();
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure != null) {
      throw new IllegalStateException("learner " + learnerName + ": a rollout copy failed: " + failure, failure);
    }
  }

  private ExecutorService pool(int k) {
    int size = Math.min(k, threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
    if (pool == null || poolSize != size) {
      if (pool != null) {
        pool.shutdown();
      }
      String name = "rollout-copies-" + learnerName;
      pool = Executors.newFixedThreadPool(size, r -> {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
      });
      poolSize = size;
    }
    return pool;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
      pool = null;
    }
    for (PolicyNetworks s : siblings) {
      s.close();
    }
    siblings.clear();
  }
}
