package io.stackelgrid.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.common.StackelgridException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sweep expansion: points × seeds, where each point's results go, and early errors. */
class SweepPlanTest {
  @Test
  void oneValuePerKeyKeepsTheLayoutOfRun() {
    SweepPlan p = SweepPlan.of("three-bus", List.of("learning.ppo.n-steps=48"), List.of(0L, 1L), 4, Path.of("/r"));
    List<SweepJob> jobs = p.jobs(0);
    assertEquals(2, jobs.size());
    assertEquals(Path.of("/r"), jobs.get(1).outDir());
    assertEquals(1, jobs.get(1).seed());
    assertEquals(List.of("learning.ppo.n-steps=48"), jobs.get(0).overrides());
    assertEquals(4, jobs.get(0).days());
  }

  @Test
  void commaSeparatedValuesSweepEveryCombinationPointsOuter() {
    SweepPlan p = SweepPlan.of("three-bus",
        List.of("learning.ppo.n-steps=48,96", "learning.ppo.batch-size=24", "learning.inner-loop.max-iterations=1,2"),
        List.of(0L, 1L, 2L), null, Path.of("/r"));
    assertEquals(4, p.points().size());
    List<SweepJob> jobs = p.jobs(0);
    assertEquals(12, jobs.size());
    assertEquals(Path.of("/r/point-0"), jobs.get(0).outDir());
    assertEquals(List.of("learning.ppo.n-steps=48", "learning.ppo.batch-size=24",
        "learning.inner-loop.max-iterations=2"), jobs.get(3).overrides());
    assertEquals(List.of("learning.ppo.n-steps=96", "learning.ppo.batch-size=24",
        "learning.inner-loop.max-iterations=1"), jobs.get(6).overrides());
    assertEquals(Path.of("/r/point-3"), jobs.get(11).outDir());
    assertTrue(jobs.get(0).days() > 0, "days from the scenario's clock");
  }

  @Test
  void badInputFailsBeforeAnyWork() {
    assertThrows(RuntimeException.class,
        () -> SweepPlan.of("three-bus", List.of("no.such.key=1"), List.of(0L), 4, Path.of("/r")));
    assertThrows(StackelgridException.class,
        () -> SweepPlan.of("three-bus", List.of("learning.ppo.n-steps=48,"), List.of(0L), 4, Path.of("/r")));
    assertThrows(StackelgridException.class, () -> SweepPlan.of("three-bus", List.of(), List.of(), 4, Path.of("/r")));
  }
}
