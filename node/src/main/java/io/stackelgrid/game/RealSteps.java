package io.stackelgrid.game;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.world.PeriodRecord;
import io.stackelgrid.world.StepRecord;
import io.stackelgrid.world.World;
import java.util.ArrayList;
import java.util.List;

/**
 * Who plays the learning world's real steps: the world itself ({@link #local}) or its step actors.
 * Either way the world object is the game's view of the world: its tariff always, its steps, μ_F and
 * LMP beliefs after {@link #sync()}; {@link #stepsDone()} counts the steps in between.
 */
public interface RealSteps {
  /** One played step, with the period's record if the step closed it. */
  record Played(StepRecord step, PeriodRecord periodOrNull) {}

  /** Steps of a batch failed: the error, and the steps played before the failing one. */
  final class PartlyPlayed extends StackelgridException {
    private static final long serialVersionUID = 1L;
    private final transient List<Played> played;

    public PartlyPlayed(String message, List<Played> played) {
      this(message, played, null);
    }

    public PartlyPlayed(String message, List<Played> played, Throwable cause) {
      super(message, cause);
      this.played = List.copyOf(played);
    }

    public List<Played> played() {
      return played;
    }
  }

  /**
   * Plays the world's next step at its tariff.
   *
   * @param policies the policy each aggregator acts with (by bus)
   * @param closesPeriod whether the step ends a period (or the run): the ledger closes after it
   */
  Played play(PolicyParams[] policies, boolean closesPeriod);

  /**
   * Plays the world's next {@code steps} steps at its tariff with the same policies, nothing read
   * or changed between them; the last closes the period if {@code lastClosesPeriod}. A failing
   * step throws {@link PartlyPlayed} with the steps before it.
   */
  default List<Played> play(PolicyParams[] policies, int steps, boolean lastClosesPeriod) {
    List<Played> out = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      try {
        out.add(play(policies, lastClosesPeriod && i == steps - 1));
      } catch (StackelgridException e) {
        throw new PartlyPlayed(e.getMessage(), out, e);
      }
    }
    return out;
  }

  /** Brings the world up to date (steps, μ_F, beliefs) before the game reads it (copies, problems). */
  void sync();

  /** Steps played so far (the world itself may lag until {@link #sync()}). */
  int stepsDone();

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

      @Override
      public int stepsDone() {
        return world.step();
      }
    };
  }
}
