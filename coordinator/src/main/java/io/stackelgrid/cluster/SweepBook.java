package io.stackelgrid.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sweep coordinator's bookkeeping (no actors): which jobs wait, which worker holds which, which
 * are done. A job whose worker is lost goes back to the queue; a job's first result counts, later
 * ones (a re-run that raced a worker thought lost) are ignored, so nothing is counted twice.
 */
final class SweepBook {
  private final int jobCount;
  private final Deque<Integer> pending = new ArrayDeque<>();
  private final Map<Integer, String> holder = new HashMap<>();
  private final TreeMap<Integer, SeedResult> done = new TreeMap<>();
  private int requeued;

  SweepBook(int jobCount) {
    this.jobCount = jobCount;
    for (int id = 0; id < jobCount; id++) {
      pending.add(id);
    }
  }

  /** The next job for the worker at {@code workerAddress}, now held by it; empty if none waits. */
  Optional<Integer> take(String workerAddress) {
    Integer id = pending.poll();
    if (id == null) {
      return Optional.empty();
    }
    holder.put(id, workerAddress);
    return Optional.of(id);
  }

  /** Records a result; false if the job was already done (a duplicate, ignored). */
  boolean complete(SeedResult result) {
    int id = result.jobId();
    if (id < 0 || id >= jobCount || done.containsKey(id)) {
      return false;
    }
    done.put(id, result);
    holder.remove(id);
    pending.remove(id);
    return true;
  }

  /** Puts the unfinished jobs held at {@code workerAddress} back at the head of the queue; how many. */
  int workerLost(String workerAddress) {
    List<Integer> lost = new ArrayList<>();
    holder.forEach((id, at) -> {
      if (at.equals(workerAddress)) {
        lost.add(id);
      }
    });
    lost.sort(null);
    for (int i = lost.size() - 1; i >= 0; i--) {
      holder.remove(lost.get(i));
      pending.addFirst(lost.get(i));
    }
    requeued += lost.size();
    return lost.size();
  }

  /** The unfinished jobs held at {@code workerAddress}, by id. */
  List<Integer> heldBy(String workerAddress) {
    List<Integer> ids = new ArrayList<>();
    holder.forEach((id, at) -> {
      if (at.equals(workerAddress)) {
        ids.add(id);
      }
    });
    ids.sort(null);
    return ids;
  }

  /** The ids of the jobs done, in order. */
  List<Integer> doneIds() {
    return new ArrayList<>(done.keySet());
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  boolean finished() {
    return done.size() == jobCount;
  }

  /** Results by job id. */
  List<SeedResult> results() {
    return new ArrayList<>(done.values());
  }

  /** Jobs put back in the queue because their worker was lost. */
  int requeued() {
    return requeued;
  }
}
