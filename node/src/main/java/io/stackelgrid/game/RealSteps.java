package io.stackelgrid.game;

import io.stackelgrid.proto.PolicyParams;
import io.stackelgrid.world.PeriodRecord;
import io.stackelgrid.world.StepRecord;
import io.stackelgrid.world.World;

/**
 * Who plays the learning world's real steps: the world itself ({@link #local}) or its step actors.
 * Either way the world object stays the game's view of the world: its step count and tariff always,
 * its μ_F and LMP beliefs after {@link #sync()}.
 */
public interface RealSteps {
  /** One played step, with the period's record if the step closed it. */
  record Played(StepRecord step, PeriodRecord periodOrNull) {}

  /**
   * Plays the world's next step at its tariff.
   *
   * @param policies the policy each aggregator acts with (by bus)
   * @param closesPeriod whether the step ends a period (or the run): the ledger closes after it
   */
  Played play(PolicyParams[] policies, boolean closesPeriod);

  /** Brings the world's μ_F and beliefs up to date before the game reads them (copies, problems). */
  void sync();

  /** The world playing its own steps with the policies already installed in it. */
  static RealSteps local(World world) {
    return new RealSteps() {
      @Override
      public Played play(PolicyParams[] policies, boolean closesPeriod) {
        StepRecord r = world.advance();
        return new Played(r, closesPeriod ? world.closePeriodIfDone(true) : null);
      }

      @Override
      public void sync() {}
    };
  }
}
