package io.stackelgrid.scenario;

/** Time of MODEL.md §1: step length, steps per day, the leader's period, horizon and seeds. */
public record Clock(int stepHours, int stepsPerDay, int leaderPeriodDays, int days, int seeds) {

  public int stepsPerPeriod() {
    return stepsPerDay * leaderPeriodDays;
  }

  public int totalSteps() {
    return stepsPerDay * days;
  }
}
