package io.stackelgrid.results;

import io.stackelgrid.game.StackelbergGame;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.StepRecord;
import java.util.ArrayList;
import java.util.List;

/** Everything one seed's game produced so far, in order: steps of both worlds, tariffs, periods. */
public final class GameRecords {
  public final List<StepRecord> learning = new ArrayList<>();
  public final List<StepRecord> baseline = new ArrayList<>();
  public final List<Tariff> tariffs = new ArrayList<>();
  public final List<StackelbergGame.PeriodResult> periods = new ArrayList<>();
  /** Exploitability at the end (gain per bus, then the leader's commitment gap), or null. */
  public double[] exploitability;

  /** A {@link StackelbergGame.Listener} appending to these records. */
  public void onStep(StepRecord a, StepRecord b, Tariff t) {
    learning.add(a);
    baseline.add(b);
    tariffs.add(t);
  }

  public void onPeriod(StackelbergGame.PeriodResult p) {
    periods.add(p);
  }
}
