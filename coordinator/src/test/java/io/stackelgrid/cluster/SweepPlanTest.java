package io.stackelgrid.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.common.StackelgridException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void planFileNamesPointsWithTheirScenarioOverridesAndDays(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("plan.conf");
    Files.writeString(file, String.join("\n",
        "seeds = 2",
        "days = 30",
        "set { learning.ppo.n-steps = 48 }",
        "points = [",
        "  { name = default }",
        "  { name = both, set { learning.leader.reward = \"gap+spread\", tariff.buy-add-on-usd-per-kwh { max = 0.03 } } }",
        "  { name = first, scenario = three-bus-daily-demand, days = 6 }",
        "]"));
    SweepPlan p = SweepPlan.fromFile(file, "three-bus", List.of("learning.ppo.batch-size=24"), null, null,
        Path.of("/r"));
    assertEquals(3, p.points().size());
    List<SweepJob> jobs = p.jobs(0);
    assertEquals(6, jobs.size());
    assertEquals(Path.of("/r/default"), jobs.get(0).outDir());
    assertEquals(30, jobs.get(0).days());
    assertEquals(List.of("learning.ppo.n-steps=48", "learning.ppo.batch-size=24"), jobs.get(1).overrides());
    assertEquals(List.of("learning.ppo.n-steps=48", "learning.leader.reward=gap+spread",
        "tariff.buy-add-on-usd-per-kwh.max=0.03", "learning.ppo.batch-size=24"), jobs.get(2).overrides());
    assertEquals(0.03, p.points().get(1).scenario().tariff().buyAddOnUsdPerKwh().max(), 0.0);
    assertEquals("three-bus-daily-demand", jobs.get(4).scenario());
    assertEquals(6, jobs.get(5).days());
    // The command line's seeds and days win over the file's.
    SweepPlan q = SweepPlan.fromFile(file, "three-bus", List.of(), 1, 4, Path.of("/r"));
    assertEquals(3, q.jobs(0).size());
    assertTrue(q.jobs(0).stream().allMatch(j -> j.days() == 4));
  }

  @Test
  void badPlanFilesAreNamedBeforeAnyWork(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("plan.conf");
    for (String[] bad : new String[][] {
        {"points = [ { name = a, sett { x = 1 } } ]", "points[0]", "sett"},
        {"points = [ { name = a }, { name = a } ]", "points[1].name", "two points"},
        {"points = [ { name = \"a/b\" } ]", "points[0].name", "a/b"},
        {"points = [ { name = a, set { households.action-map = masked } } ]", "points[0]", "households.action-map"},
        {"pionts = []", "pionts"},
        {"seeds = 0\npoints = [ { name = a } ]", "seeds"},
        {"points = []", "empty"}}) {
      Files.writeString(file, bad[0]);
      String m = assertThrows(StackelgridException.class,
          () -> SweepPlan.fromFile(file, "three-bus", List.of(), null, 4, Path.of("/r"))).getMessage();
      for (int i = 1; i < bad.length; i++) {
        assertTrue(m.contains(bad[i]) && m.contains(file.toString()), bad[0] + " -> " + m);
      }
    }
    Files.writeString(file, "points = [ { name = a } ]");
    String m = assertThrows(StackelgridException.class, () -> SweepPlan.fromFile(file, "three-bus",
        List.of("learning.ppo.n-steps=48,96"), null, 4, Path.of("/r"))).getMessage();
    assertTrue(m.contains("one value"), m);
  }

  @Test
  void theSensitivityStudyChangesOneAssumptionPerPoint() {
    // docs/SENSITIVITY.md's study: the points issue 11 fixes, each one key (two bounds for the add-ons)
    // away from the default, the first reading as its own scenario, 5 seeds x 100 days.
    SweepPlan p = SweepPlan.fromFile(Path.of("..", "examples", "sweeps", "sensitivity.conf"), "three-bus",
        List.of(), null, null, Path.of("/r"));
    Map<String, Map<String, String>> expected = Map.ofEntries(
        Map.entry("default", Map.of()),
        Map.entry("first-reading", Map.of()),
        Map.entry("demand-per-day", Map.of("households.demand-per", "day")),
        Map.entry("capacity-mwh-per-step", Map.of("grid.capacity-hours-per-step", "1")),
        Map.entry("action-map-clip", Map.of("households.action-map", "clip")),
        Map.entry("action-centre-midpoint", Map.of("learning.leader.action-centre", "midpoint")),
        Map.entry("reward-spread", Map.of("learning.leader.reward", "spread")),
        Map.entry("reward-gap-spread", Map.of("learning.leader.reward", "gap+spread")),
        Map.entry("narrow-add-ons", Map.of("tariff.buy-add-on-usd-per-kwh.min", "0",
            "tariff.buy-add-on-usd-per-kwh.max", "0.03", "tariff.sell-add-on-usd-per-kwh.min", "-0.01",
            "tariff.sell-add-on-usd-per-kwh.max", "0.01")),
        Map.entry("revenue-2000", Map.of("tariff.revenue-requirement-usd-per-day", "2000")),
        Map.entry("real-play-mean", Map.of("mean-field.real-play", "mean")),
        Map.entry("damping-0.5", Map.of("mean-field.damping", "0.5")));
    assertEquals(expected.size(), p.points().size());
    for (SweepPlan.Point point : p.points()) {
      assertEquals(expected.get(point.name()), point.overrides(), point.name());
      assertEquals(point.name().equals("first-reading") ? "three-bus-daily-demand" : "three-bus",
          point.scenarioName(), point.name());
    }
    assertEquals(60, p.jobs(0).size(), "12 points x 5 seeds");
    assertTrue(p.jobs(0).stream().allMatch(j -> j.days() == 100));
  }

  @Test
  void theSecondRoundPlaysMODELsFourPreRegisteredPoints() {
    // MODEL.md section 9 "Second round": exactly these four points, each from three-bus, 5 x 100.
    SweepPlan p = SweepPlan.fromFile(Path.of("..", "examples", "sweeps", "second-round.conf"), "three-bus",
        List.of(), null, null, Path.of("/r"));
    String charges = "tariff.fixed-charge-usd-per-day.max";
    String sell = "tariff.sell-add-on-usd-per-kwh.min";
    String reward = "learning.leader.reward";
    Map<String, Map<String, String>> expected = Map.of(
        "charges-10", Map.of(charges, "10"),
        "charges-10-spread", Map.of(charges, "10", reward, "gap+spread"),
        "sell-nonneg", Map.of(sell, "0"),
        "charges-10-spread-sell-nonneg", Map.of(charges, "10", reward, "gap+spread", sell, "0"));
    assertEquals(expected.size(), p.points().size());
    for (SweepPlan.Point point : p.points()) {
      assertEquals(expected.get(point.name()), point.overrides(), point.name());
      assertEquals("three-bus", point.scenarioName(), point.name());
    }
    assertEquals(20, p.jobs(0).size(), "4 points x 5 seeds");
    assertTrue(p.jobs(0).stream().allMatch(j -> j.days() == 100));
  }

  @Test
  void aListValueOfSetStaysWholeWhileCommasOutsideBracketsSweep() {
    // --set learning.follower.hidden=[18, 0] was cut into "[18" and "0]".
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("[18, 36]", "[24, 36]", "7"),
        SweepPlan.values("[18, 36],[24, 36],7"));
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("gap", "spread"), SweepPlan.values("gap,spread"));
  }
}
