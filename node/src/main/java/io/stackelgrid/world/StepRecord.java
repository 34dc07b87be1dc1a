package io.stackelgrid.world;

/**
 * One cleared step of a world, arrays per bus. Grid quantities are in the grid's unit (MWh/step on
 * three-bus); household quantities in kWh over the step.
 *
 * @param loadMwh net bus load cleared (base load plus households)
 * @param baseLoadMwh the bus's base load alone
 * @param householdNetKwh H_n: households' net grid energy at the bus
 * @param prosumerNetKwh the prosumers' part of H_n
 * @param consumerKwh the consumers' part of H_n
 * @param meanSoc mean SoC of the bus's prosumers after the step
 * @param solarMwh energy dispatched from availability-profile (solar) units at the bus
 * @param solarAvailableMwh what those units could have given
 */
public record StepRecord(int step, int day, int hour, int period, double[] lmpUsdPerMwh,
    double[] loadMwh, double[] baseLoadMwh, double[] householdNetKwh, double[] prosumerNetKwh,
    double[] consumerKwh, double[] meanSoc, double[] solarMwh, double[] solarAvailableMwh,
    double[] shedMwh, double[] spillMwh, double generationCostUsd) {}
