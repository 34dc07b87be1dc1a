package io.stackelgrid.household;

import io.stackelgrid.scenario.Clock;

/** Where step t sits in time (MODEL.md §1): day, step of day h = t mod 8, leader period. */
public record StepTime(int step, int day, int hour, int period) {

  public static StepTime of(Clock clock, int step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
    return new StepTime(step, step / clock.stepsPerDay(), step % clock.stepsPerDay(),
        step / clock.stepsPerPeriod());
  }

  /** Number of leader periods in {@code days} days (the last may be shorter). */
  public static int periods(Clock clock, int days) {
    return (days + clock.leaderPeriodDays() - 1) / clock.leaderPeriodDays();
  }
}
