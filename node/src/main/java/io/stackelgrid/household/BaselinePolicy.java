package io.stackelgrid.household;

import java.util.Arrays;

/** The paper's no-storage baseline: u ≡ 0. */
public final class BaselinePolicy implements FollowerPolicy {
  public static final BaselinePolicy INSTANCE = new BaselinePolicy();

  private BaselinePolicy() {}

  @Override
  public void mean(float[] observations, int count, double[] meanOut) {
    Arrays.fill(meanOut, 0, count, 0.0);
  }

  @Override
  public boolean givesMoves() {
    return true;
  }

  @Override
  public double std() {
    return 0;
  }

  @Override
  public String name() {
    return "baseline";
  }
}
