package io.stackelgrid.tariff;

/** The bill of MODEL.md §4 for one step: B = buy·max(E, 0) − sell·max(−E, 0) + f/steps-per-day. */
public final class Bills {
  private Bills() {}

  /** Energy part of a bill, $: imported and exported energy in kWh at a bus's LMP. */
  public static double energyUsd(double importKwh, double exportKwh, double lmpUsdPerMwh, Tariff tariff) {
    return tariff.buyPriceUsdPerKwh(lmpUsdPerMwh) * importKwh - tariff.sellPriceUsdPerKwh(lmpUsdPerMwh) * exportKwh;
  }

  /** The whole bill of one household for one step whose net grid energy is {@code netKwh}. */
  public static double householdUsd(double netKwh, double lmpUsdPerMwh, Tariff tariff, int group, int stepsPerDay) {
    return energyUsd(Math.max(netKwh, 0), Math.max(-netKwh, 0), lmpUsdPerMwh, tariff)
        + tariff.fixedChargeUsdPerDay(group) / stepsPerDay;
  }
}
