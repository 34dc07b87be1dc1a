package io.stackelgrid.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stackelgrid.cluster.LearnerPlacement.Learner;
import io.stackelgrid.cluster.LearnerPlacement.Member;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Placement by measured cost, against plans worked out by hand. */
class LearnerPlacementTest {
  private static final Member A = new Member("a", 1);
  private static final Member B = new Member("b", 1);

  @Test
  void longestFirstOnEqualMembersBalancesTheLoad() {
    // 3 -> a, 3 -> b, 2 -> a (a and b tie at 5: the earlier), 2 -> b: both finish at 5.
    List<Learner> l = List.of(new Learner("x", 2), new Learner("y", 3), new Learner("z", 3), new Learner("w", 2));
    Map<String, String> plan = LearnerPlacement.lpt(l, List.of(A, B));
    assertEquals(Map.of("y", "a", "z", "b", "w", "a", "x", "b"), plan);
    assertEquals(5.0, LearnerPlacement.makespan(plan, l, List.of(A, B)));
  }

  @Test
  void aFasterMemberTakesMoreWork() {
    // a twice as fast: 4 -> a (finishes at 2), 2 -> b (2 < 3), 2 -> a (3 < 4): makespan 3.
    Member fast = new Member("a", 2);
    List<Learner> l = List.of(new Learner("p", 4), new Learner("q", 2), new Learner("r", 2));
    Map<String, String> plan = LearnerPlacement.lpt(l, List.of(fast, B));
    assertEquals(Map.of("p", "a", "q", "b", "r", "a"), plan);
    assertEquals(3.0, LearnerPlacement.makespan(plan, l, List.of(fast, B)));
  }

  @Test
  void placedLearnersStayUnlessMovingShortensTheSlowestMemberEnough() {
    List<Learner> l = List.of(new Learner("p", 1), new Learner("q", 1));
    Map<String, String> both = Map.of("p", "a", "q", "a");
    // Kept: a finishes at 2; moved: 1. A gain of 50 %: moves at a 10 % threshold, stays at 60 %.
    assertEquals(Map.of("p", "a", "q", "b"), LearnerPlacement.plan(l, List.of(A, B), both, 0.10));
    assertEquals(both, LearnerPlacement.plan(l, List.of(A, B), both, 0.60));
  }

  @Test
  void theLearnersOfAMemberThatLeftArePlacedOnTheOthers() {
    Member c = new Member("c", 1);
    List<Learner> l = List.of(new Learner("p", 1), new Learner("q", 1), new Learner("r", 1));
    // b left: q had lived there; p and r stay, and q goes where it would finish first: a and c
    // both at 2, so the earlier, a.
    Map<String, String> plan = LearnerPlacement.plan(l, List.of(A, c), Map.of("p", "a", "q", "b", "r", "c"), 1.0);
    assertEquals(Map.of("p", "a", "q", "a", "r", "c"), Map.copyOf(plan));
    // With p's cost 3, a would finish q at 4 and c at 2: c.
    List<Learner> heavy = List.of(new Learner("p", 3), new Learner("q", 1), new Learner("r", 1));
    plan = LearnerPlacement.plan(heavy, List.of(A, c), Map.of("p", "a", "q", "b", "r", "c"), 1.0);
    assertEquals(Map.of("p", "a", "q", "c", "r", "c"), Map.copyOf(plan));
  }

  @Test
  void eachPhaseIsBalancedOnItsOwn() {
    // One pool would put the leader (4) and its copy (4) on a and b, then all four followers (1 each)
    // two and two: totals 6 and 6, but while the leader's phase runs, each member has one of its two
    // learners of 4 anyway. Phases: followers 2 and 2, leader and copy 1 and 1.
    List<Learner> l = List.of(new Learner("f1", 1, "followers"), new Learner("f2", 1, "followers"),
        new Learner("f3", 1, "followers"), new Learner("f4", 1, "followers"), new Learner("leader", 4, "leader"),
        new Learner("leader/copy-1", 4, "leader"));
    Map<String, String> plan = LearnerPlacement.plan(l, List.of(A, B), Map.of(), 0.10);
    assertEquals(Map.of("f1", "a", "f2", "b", "f3", "a", "f4", "b", "leader", "a", "leader/copy-1", "b"),
        Map.copyOf(plan));
    // A phase whose learners all sit on a moves on its own: the followers stay, the copy moves.
    Map<String, String> lopsided = Map.of("f1", "a", "f2", "b", "f3", "a", "f4", "b", "leader", "a",
        "leader/copy-1", "a");
    assertEquals(plan, Map.copyOf(LearnerPlacement.plan(l, List.of(A, B), lopsided, 0.10)));
  }

  @Test
  void speedsComeFromFollowersOfEqualWork() {
    // Mean over all 1.5 s; a's followers took 1 s (speed 1.5), b's 2 s (0.75).
    Map<String, Double> s = LearnerPlacement.speeds(Map.of("a", List.of(1.0, 1.0), "b", List.of(2.0, 2.0)));
    assertEquals(1.5, s.get("a"), 1e-12);
    assertEquals(0.75, s.get("b"), 1e-12);
  }
}
