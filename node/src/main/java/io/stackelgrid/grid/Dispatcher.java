package io.stackelgrid.grid;

/**
 * Who clears a world's steps: the world's own {@link DcOpf} by default, or a stand-in for a system
 * operator elsewhere (e.g. an actor). Implementations must clear the same steps in the same order
 * as the local solver would, since the DC-OPF keeps warm state between steps.
 */
@FunctionalInterface
public interface Dispatcher {
  /**
   * Clears one step.
   *
   * @param busLoad net load per bus, grid units (may be negative)
   * @param pMax capacity per generator this step, or null for the grid's pmax
   * @throws DispatchException if the step cannot be cleared
   */
  Dispatch clear(long step, double[] busLoad, double[] pMax);
}
