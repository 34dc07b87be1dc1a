package io.stackelgrid.actors;

import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.proto.Cleared;
import io.stackelgrid.proto.NetDemand;
import io.stackelgrid.proto.PeriodClosed;
import io.stackelgrid.proto.TariffMsg;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.PeriodRecord;
import io.stackelgrid.world.StepPhases;
import io.stackelgrid.world.StepRecord;
import java.util.List;

/**
 * Domain values to and from the step protocol's messages (step.proto). Doubles travel as protobuf
 * doubles, so every value arrives bit for bit.
 */
public final class StepMessages {
  private StepMessages() {}

  public static TariffMsg tariff(Tariff t) {
    TariffMsg.Builder b = TariffMsg.newBuilder().setBuyAddOnUsdPerKwh(t.buyAddOnUsdPerKwh())
        .setSellAddOnUsdPerKwh(t.sellAddOnUsdPerKwh());
    for (double f : t.fixedChargeUsdPerDay()) {
      b.addFixedChargeUsdPerDay(f);
    }
    return b.build();
  }

  public static Tariff tariff(TariffMsg m) {
    return new Tariff(m.getBuyAddOnUsdPerKwh(), m.getSellAddOnUsdPerKwh(), doubles(m.getFixedChargeUsdPerDayList()));
  }

  public static double[] doubles(List<Double> values) {
    double[] out = new double[values.size()];
    if (values instanceof com.google.protobuf.Internal.DoubleList d) {
      for (int i = 0; i < out.length; i++) {
        out[i] = d.getDouble(i); // unboxed: a message's repeated doubles
      }
      return out;
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  /** The group energies a {@link NetDemand} carries. */
  public static GroupFlows flows(NetDemand d) {
    GroupFlows f = new GroupFlows(d.getNetKwhCount());
    for (int g = 0; g < f.netKwh.length; g++) {
      f.netKwh[g] = d.getNetKwh(g);
      f.importKwh[g] = d.getImportKwh(g);
      f.exportKwh[g] = d.getExportKwh(g);
      f.storageKwh[g] = d.getStorageKwh(g);
    }
    return f;
  }

  /** Adds the group energies to a {@link NetDemand}. */
  public static NetDemand.Builder addFlows(NetDemand.Builder b, GroupFlows f) {
    for (int g = 0; g < f.netKwh.length; g++) {
      b.addNetKwh(f.netKwh[g]).addImportKwh(f.importKwh[g]).addExportKwh(f.exportKwh[g])
          .addStorageKwh(f.storageKwh[g]);
    }
    return b;
  }

  public static PeriodClosed period(PeriodRecord r) {
    PeriodClosed.Builder b = PeriodClosed.newBuilder().setPeriod(r.period()).setDays(r.days())
        .setTariff(tariff(r.tariff())).setEeiGapPp(r.eeiGapPp()).setIncomeSpreadPp(r.incomeSpreadPp())
        .setNetRevenueUsd(r.netRevenueUsd()).setRevenueRatio(r.revenueRatio());
    for (double v : r.meanBillUsd()) {
      b.addMeanBillUsd(v);
    }
    for (double v : r.eeiPct()) {
      b.addEeiPct(v);
    }
    return b.build();
  }

  public static PeriodRecord period(PeriodClosed m) {
    return new PeriodRecord(m.getPeriod(), m.getDays(), tariff(m.getTariff()), doubles(m.getMeanBillUsdList()),
        doubles(m.getEeiPctList()), m.getEeiGapPp(), m.getIncomeSpreadPp(), m.getNetRevenueUsd(),
        m.getRevenueRatio());
  }

  /** The step record of a cleared step, as {@link io.stackelgrid.world.World#advance} assembles it. */
  public static StepRecord record(Scenario scenario, GroupLayout layout, Cleared c) {
    NetDemand d = c.getDemand();
    StepTime time = StepTime.of(scenario.clock(), (int) c.getStep());
    int buses = d.getBusLoadCount();
    double[] prosumerKwh = new double[buses];
    double[] consumerKwh = new double[buses];
    for (int g = 0; g < layout.groupCount(); g++) {
      (layout.prosumer(g) ? prosumerKwh : consumerKwh)[layout.bus(g)] += d.getNetKwh(g);
    }
    StepPhases.BusLoads loads = new StepPhases.BusLoads(doubles(d.getBusLoadList()), doubles(d.getBaseLoadList()),
        doubles(d.getHouseholdNetKwhList()), prosumerKwh, consumerKwh);
    return StepPhases.record(time, loads, doubles(c.getLmpUsdPerMwhList()), doubles(d.getBusMeanSocList()),
        doubles(c.getSolarList()), doubles(c.getSolarAvailableList()), doubles(c.getShedList()),
        doubles(c.getSpillList()), c.getCostUsd());
  }
}
