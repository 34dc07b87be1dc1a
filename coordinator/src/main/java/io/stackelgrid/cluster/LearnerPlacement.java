package io.stackelgrid.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run's learners live: longest-processing-time first over members of measured speed. Each
 * learner goes, in order of falling cost, to the member that would finish its load soonest
 * (load / speed); a learner already placed stays where it is unless moving it shortens the longest
 * member's time by more than {@code moveGain}, so learners move when a member leaves or the costs
 * change a lot, not for every small difference. Learners of different phases (the followers, who
 * train together, and the leader with its rollout copies, who train together later) never train at
 * the same time, so each phase is balanced on its own. Plain and deterministic: the same costs,
 * speeds and current places give the same plan.
 */
public final class LearnerPlacement {
  /**
   * A learner and its cost: its last training's seconds, or an estimate before any.
   *
   * @param id the learner's entity id
   * @param phase the learners that train at the same time share a phase
   */
  public record Learner(String id, double costSeconds, String phase) {
    /** A learner of the one phase "". */
    public Learner(String id, double costSeconds) {
      this(id, costSeconds, "");
    }
  }

  /**
   * A member that hosts learners.
   *
   * @param speed how much faster than the reference its trainings run (1 unless measured)
   */
  public record Member(String address, double speed) {}

  private LearnerPlacement() {}

  /**
   * The plan: each learner's member.
   *
   * @param current where each learner lives now (absent: not placed yet, or its member left)
   * @param moveGain a placed learner moves only if the plan's makespan falls by this share or more
   */
  public static Map<String, String> plan(List<Learner> learners, List<Member> members, Map<String, String> current,
      double moveGain) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("no member to place " + learners.size() + " learners on");
    }
    Map<String, List<Learner>> phases = new LinkedHashMap<>();
    learners.forEach(l -> phases.computeIfAbsent(l.phase(), k -> new ArrayList<>()).add(l));
    Map<String, String> out = new LinkedHashMap<>();
    phases.values().forEach(phase -> out.putAll(planPhase(phase, members, current, moveGain)));
    return out;
  }

  private static Map<String, String> planPhase(List<Learner> learners, List<Member> members,
      Map<String, String> current, double moveGain) {
    Map<String, String> fresh = lpt(learners, members);
    Map<String, String> kept = new LinkedHashMap<>();
    List<Learner> homeless = new ArrayList<>();
    for (Learner l : learners) {
      String at = current.get(l.id());
      if (at != null && members.stream().anyMatch(m -> m.address().equals(at))) {
        kept.put(l.id(), at);
      } else {
        homeless.add(l);
      }
    }
    Map<String, String> stay = fill(kept, homeless, learners, members);
    double keep = makespan(stay, learners, members);
    double move = makespan(fresh, learners, members);
    return move < (1 - moveGain) * keep ? fresh : stay;
  }

  /** Longest cost first, each to the member that would finish it soonest (ties: the earlier member). */
  static Map<String, String> lpt(List<Learner> learners, List<Member> members) {
    return fill(new LinkedHashMap<>(), learners, learners, members);
  }

  private static Map<String, String> fill(Map<String, String> placed, List<Learner> toPlace, List<Learner> all,
      List<Member> members) {
    Map<String, Double> load = new LinkedHashMap<>();
    members.forEach(m -> load.put(m.address(), 0.0));
    for (Learner l : all) {
      String at = placed.get(l.id());
      if (at != null) {
        load.merge(at, l.costSeconds(), Double::sum);
      }
    }
    List<Learner> order = new ArrayList<>(toPlace);
    order.sort(Comparator.comparingDouble(Learner::costSeconds).reversed().thenComparing(Learner::id));
    Map<String, String> out = new LinkedHashMap<>(placed);
    for (Learner l : order) {
      Member best = null;
      double bestFinish = Double.POSITIVE_INFINITY;
      for (Member m : members) {
        double finish = (load.get(m.address()) + l.costSeconds()) / m.speed();
        if (finish < bestFinish) {
          bestFinish = finish;
          best = m;
        }
      }
      out.put(l.id(), best.address());
      load.merge(best.address(), l.costSeconds(), Double::sum);
    }
    return out;
  }

  /** The longest member time of a plan, seconds: its learners' costs over its speed. */
  static double makespan(Map<String, String> plan, List<Learner> learners, List<Member> members) {
    double worst = 0;
    for (Member m : members) {
      double load = 0;
      for (Learner l : learners) {
        if (m.address().equals(plan.get(l.id()))) {
          load += l.costSeconds();
        }
      }
      worst = Math.max(worst, load / m.speed());
    }
    return worst;
  }

  /**
   * Members' speeds from where learners of equal work ran and how long they took: a member's speed is
   * the mean time over all members' learners divided by the mean time of its own (1 without data).
   */
  public static Map<String, Double> speeds(Map<String, List<Double>> secondsByMember) {
    double total = 0;
    int n = 0;
    for (List<Double> v : secondsByMember.values()) {
      for (double s : v) {
        total += s;
        n++;
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    double mean = n == 0 ? 0 : total / n;
    secondsByMember.forEach((m, v) -> {
      double own = v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      out.put(m, own > 0 && mean > 0 ? mean / own : 1.0);
    });
    return out;
  }
}
