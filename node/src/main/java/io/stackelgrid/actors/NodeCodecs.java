package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import io.stackelgrid.actors.AggregatorActor.BeliefRequest;
import io.stackelgrid.actors.AggregatorActor.BeliefSnapshot;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldRequest;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldSnapshot;
import io.stackelgrid.actors.MeanFieldTrackerActor.Planned;
import io.stackelgrid.actors.StepBarrierActor.ActorTiming;
import io.stackelgrid.actors.StepBarrierActor.PlayStep;
import io.stackelgrid.actors.StepBarrierActor.SnapshotRefused;
import io.stackelgrid.actors.StepBarrierActor.StepPlayed;
import io.stackelgrid.actors.StepBarrierActor.StepsFailed;
import io.stackelgrid.actors.StepBarrierActor.StepsPlayed;
import io.stackelgrid.actors.StepBarrierActor.TakeSnapshot;
import io.stackelgrid.actors.StepBarrierActor.WorldSnapshot;
import io.stackelgrid.actors.StepProtocol.Cleared;
import io.stackelgrid.actors.StepProtocol.Routing;
import io.stackelgrid.actors.StepProtocol.StepFailed;
import io.stackelgrid.actors.StepProtocol.StepStart;
import io.stackelgrid.actors.SystemOperatorActor.ClearStep;
import io.stackelgrid.actors.SystemOperatorActor.DispatchFailed;
import io.stackelgrid.actors.SystemOperatorActor.Dispatched;
import io.stackelgrid.actors.SystemOperatorActor.NetDemand;
import io.stackelgrid.actors.UtilityActor.Billed;
import io.stackelgrid.actors.UtilityActor.DecideTariff;
import io.stackelgrid.actors.UtilityActor.TariffDecision;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.game.LeaderState;
import io.stackelgrid.grid.Dispatch;
import io.stackelgrid.household.ActionMap;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.learner.PolicyWire;
import io.stackelgrid.proto.ActorTimingMsg;
import io.stackelgrid.proto.BeliefSnapshotMsg;
import io.stackelgrid.proto.BilledMsg;
import io.stackelgrid.proto.BusBeliefsMsg;
import io.stackelgrid.proto.ClearStepMsg;
import io.stackelgrid.proto.ClearedMsg;
import io.stackelgrid.proto.CohortFieldMsg;
import io.stackelgrid.proto.DecideTariffMsg;
import io.stackelgrid.proto.DispatchFailedMsg;
import io.stackelgrid.proto.DispatchMsg;
import io.stackelgrid.proto.FieldSnapshotMsg;
import io.stackelgrid.proto.FollowerProblemMsg;
import io.stackelgrid.proto.GroupFlowsMsg;
import io.stackelgrid.proto.LeaderProblemMsg;
import io.stackelgrid.proto.NetDemandMsg;
import io.stackelgrid.proto.PeriodRecordMsg;
import io.stackelgrid.proto.PlannedMsg;
import io.stackelgrid.proto.PlayStepMsg;
import io.stackelgrid.proto.PolicyParamsMsg;
import io.stackelgrid.proto.RoutingMsg;
import io.stackelgrid.proto.SnapshotRefusedMsg;
import io.stackelgrid.proto.SnapshotRequestMsg;
import io.stackelgrid.proto.StepFailedMsg;
import io.stackelgrid.proto.StepPlayedMsg;
import io.stackelgrid.proto.StepStartMsg;
import io.stackelgrid.proto.StepsFailedMsg;
import io.stackelgrid.proto.StepsPlayedMsg;
import io.stackelgrid.proto.RangeMsg;
import io.stackelgrid.proto.TariffBoundsMsg;
import io.stackelgrid.proto.TariffDecisionMsg;
import io.stackelgrid.proto.TariffMsg;
import io.stackelgrid.proto.WorldSnapshotMsg;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.scenario.TariffBounds;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.wire.Codec;
import io.stackelgrid.wire.CodecSet;
import io.stackelgrid.wire.Wire;
import io.stackelgrid.wire.WireRefs;
import io.stackelgrid.world.PeriodRecord;
import io.stackelgrid.world.WorldOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The node module's records on the wire: the world's step protocol, the utility's and the
 * operator's own messages, and the problems learners train on (registered in its reference.conf).
 * Doubles travel as protobuf doubles, so every value arrives bit for bit.
 */
public final class NodeCodecs implements CodecSet {
  @Override
  public List<Codec<?, ?>> codecs() {
    return List.of(
        Codec.of(StepStart.class, "StepStart", StepStartMsg.parser(), NodeCodecs::toWire, NodeCodecs::fromWire),
        Codec.of(Planned.class, "Planned", PlannedMsg.parser(),
            (p, refs) -> PlannedMsg.newBuilder().setStep(p.step()).setBus(p.bus()).addAllMeans(Wire.list(p.means()))
                .setStd(p.std()).setMoves(p.moves()).setDomainNanos(p.domainNanos())
                .setRouting(toWire(p.routing(), refs)).build(),
            (m, refs) -> new Planned(m.getStep(), m.getBus(), Wire.doubles(m.getMeansList()), m.getStd(), m.getMoves(),
                m.getDomainNanos(), fromWire(m.getRouting(), refs))),
        Codec.of(NetDemand.class, "NetDemand", NetDemandMsg.parser(), NodeCodecs::toWire, NodeCodecs::fromWire),
        Codec.of(Cleared.class, "Cleared", ClearedMsg.parser(), NodeCodecs::toWire, NodeCodecs::fromWire),
        Codec.of(StepFailed.class, "StepFailed", StepFailedMsg.parser(),
            (f, refs) -> StepFailedMsg.newBuilder().setStep(f.step()).setActor(f.actor()).setError(f.error()).build(),
            (m, refs) -> new StepFailed(m.getStep(), m.getActor(), m.getError())),
        Codec.of(Billed.class, "Billed", BilledMsg.parser(),
            (b, refs) -> {
              BilledMsg.Builder out = BilledMsg.newBuilder().setStep(b.step()).setDomainNanos(b.domainNanos());
              if (b.periodOrNull() != null) {
                out.setPeriod(toWire(b.periodOrNull()));
              }
              return out.build();
            },
            (m, refs) -> new Billed(m.getStep(), m.hasPeriod() ? fromWire(m.getPeriod()) : null, m.getDomainNanos())),
        Codec.of(PlayStep.class, "PlayStep", PlayStepMsg.parser(),
            (p, refs) -> {
              PlayStepMsg.Builder b = PlayStepMsg.newBuilder().setStep(p.step()).setTariff(toWire(p.tariff()))
                  .addAllBusMeanSoc(Wire.list(p.busMeanSoc())).setLastClosesPeriod(p.lastClosesPeriod())
                  .setSteps(p.steps()).setReplyTo(refs.toWire(p.replyTo()));
              p.newPolicies().forEach((bus, policy) -> b.putNewPolicies(bus, PolicyWire.toWire(policy)));
              return b.build();
            },
            (m, refs) -> {
              Map<Integer, PolicyParams> policies = new HashMap<>();
              m.getNewPoliciesMap().forEach((bus, policy) -> policies.put(bus, PolicyWire.fromWire(policy)));
              return new PlayStep(m.getStep(), fromWire(m.getTariff()), Wire.doubles(m.getBusMeanSocList()),
                  m.getLastClosesPeriod(), policies, m.getSteps(), refs.ref(m.getReplyTo()));
            }),
        Codec.of(StepsPlayed.class, "StepsPlayed", StepsPlayedMsg.parser(),
            (s, refs) -> StepsPlayedMsg.newBuilder().addAllPlayed(toWire(s.played(), refs)).build(),
            (m, refs) -> new StepsPlayed(fromWire(m.getPlayedList(), refs))),
        Codec.of(StepsFailed.class, "StepsFailed", StepsFailedMsg.parser(),
            (s, refs) -> StepsFailedMsg.newBuilder().addAllPlayed(toWire(s.played(), refs)).setError(s.error()).build(),
            (m, refs) -> new StepsFailed(fromWire(m.getPlayedList(), refs), m.getError())),
        Codec.of(TakeSnapshot.class, "TakeSnapshot", SnapshotRequestMsg.parser(),
            (t, refs) -> SnapshotRequestMsg.newBuilder().setStepsDone(t.stepsDone()).setReplyTo(refs.toWire(t.replyTo()))
                .build(),
            (m, refs) -> new TakeSnapshot(m.getStepsDone(), refs.ref(m.getReplyTo()))),
        Codec.of(FieldRequest.class, "FieldRequest", SnapshotRequestMsg.parser(),
            (t, refs) -> SnapshotRequestMsg.newBuilder().setStepsDone(t.stepsDone()).setReplyTo(refs.toWire(t.replyTo()))
                .build(),
            (m, refs) -> new FieldRequest(m.getStepsDone(), refs.ref(m.getReplyTo()))),
        Codec.of(BeliefRequest.class, "BeliefRequest", SnapshotRequestMsg.parser(),
            (t, refs) -> SnapshotRequestMsg.newBuilder().setStepsDone(t.stepsDone()).setReplyTo(refs.toWire(t.replyTo()))
                .build(),
            (m, refs) -> new BeliefRequest(m.getStepsDone(), refs.ref(m.getReplyTo()))),
        Codec.of(FieldSnapshot.class, "FieldSnapshot", FieldSnapshotMsg.parser(),
            (f, refs) -> toWire(f), (m, refs) -> fromWire(m)),
        Codec.of(BeliefSnapshot.class, "BeliefSnapshot", BeliefSnapshotMsg.parser(),
            (b, refs) -> toWire(b), (m, refs) -> fromWire(m)),
        Codec.of(SnapshotRefused.class, "SnapshotRefused", SnapshotRefusedMsg.parser(),
            (s, refs) -> SnapshotRefusedMsg.newBuilder().setWhy(s.why()).build(),
            (m, refs) -> new SnapshotRefused(m.getWhy())),
        Codec.of(WorldSnapshot.class, "WorldSnapshot", WorldSnapshotMsg.parser(),
            (w, refs) -> WorldSnapshotMsg.newBuilder().setField(toWire(w.field()))
                .addAllBeliefs(w.beliefs().stream().map(NodeCodecs::toWire).toList()).build(),
            (m, refs) -> new WorldSnapshot(fromWire(m.getField()),
                m.getBeliefsList().stream().map(NodeCodecs::fromWire).toList())),
        Codec.of(ClearStep.class, "ClearStep", ClearStepMsg.parser(),
            (c, refs) -> {
              ClearStepMsg.Builder b = ClearStepMsg.newBuilder().setStep(c.step())
                  .addAllBusLoad(Wire.list(c.busLoadMwh())).setReplyTo(refs.toWire(c.replyTo()));
              if (c.pMaxOrNull() != null) {
                b.addAllPMax(Wire.list(c.pMaxOrNull()));
              }
              return b.build();
            },
            (m, refs) -> new ClearStep(m.getStep(), Wire.doubles(m.getBusLoadList()),
                m.getPMaxCount() == 0 ? null : Wire.doubles(m.getPMaxList()), refs.ref(m.getReplyTo()))),
        Codec.of(Dispatched.class, "Dispatched", DispatchMsg.parser(),
            (d, refs) -> toWire(d.dispatch()), (m, refs) -> new Dispatched(fromWire(m))),
        Codec.of(DispatchFailed.class, "DispatchFailed", DispatchFailedMsg.parser(),
            (f, refs) -> DispatchFailedMsg.newBuilder().setStep(f.step()).setError(f.error()).build(),
            (m, refs) -> new DispatchFailed(m.getStep(), m.getError())),
        Codec.of(DecideTariff.class, "DecideTariff", DecideTariffMsg.parser(),
            (d, refs) -> {
              DecideTariffMsg.Builder b = DecideTariffMsg.newBuilder().setPeriod(d.period())
                  .setLeader(PolicyWire.toWire(d.leader())).setReplyTo(refs.toWire(d.replyTo()));
              for (float f : d.observation()) {
                b.addObservation(f);
              }
              return b.build();
            },
            (m, refs) -> new DecideTariff(m.getPeriod(), PolicyWire.fromWire(m.getLeader()),
                Wire.floats(m.getObservationList()), refs.ref(m.getReplyTo()))),
        Codec.of(TariffDecision.class, "TariffDecision", TariffDecisionMsg.parser(),
            (d, refs) -> TariffDecisionMsg.newBuilder().setPeriod(d.period()).setTariff(toWire(d.tariff())).build(),
            (m, refs) -> new TariffDecision(m.getPeriod(), fromWire(m.getTariff()))),
        Codec.of(FollowerProblem.class, "FollowerProblem", FollowerProblemMsg.parser(),
            (p, refs) -> toWire(p), (m, refs) -> fromWire(m)),
        Codec.of(LeaderProblem.class, "LeaderProblem", LeaderProblemMsg.parser(),
            (p, refs) -> toWire(p), (m, refs) -> fromWire(m)));
  }

  public static TariffMsg toWire(Tariff t) {
    return TariffMsg.newBuilder().setBuyAddOnUsdPerKwh(t.buyAddOnUsdPerKwh())
        .setSellAddOnUsdPerKwh(t.sellAddOnUsdPerKwh()).addAllFixedChargeUsdPerDay(Wire.list(t.fixedChargeUsdPerDay()))
        .build();
  }

  public static Tariff fromWire(TariffMsg m) {
    return new Tariff(m.getBuyAddOnUsdPerKwh(), m.getSellAddOnUsdPerKwh(), Wire.doubles(m.getFixedChargeUsdPerDayList()));
  }

  private static RoutingMsg toWire(Routing r, WireRefs refs) {
    RoutingMsg.Builder b = RoutingMsg.newBuilder().setBarrier(refs.toWire(r.barrier()))
        .setUtility(refs.toWire(r.utility()));
    r.aggregators().forEach(a -> b.addAggregators(refs.toWire(a)));
    return b.build();
  }

  private static Routing fromWire(RoutingMsg m, WireRefs refs) {
    return new Routing(refs.ref(m.getBarrier()), refs.ref(m.getUtility()),
        m.getAggregatorsList().stream().<ActorRef<AggregatorActor.Command>>map(refs::ref).toList());
  }

  private static StepStartMsg toWire(StepStart s, WireRefs refs) {
    StepStartMsg.Builder b = StepStartMsg.newBuilder().setStep(s.step()).setTariff(toWire(s.tariff()))
        .addAllBusMeanSoc(Wire.list(s.busMeanSoc())).setClosesPeriod(s.closesPeriod())
        .setRouting(toWire(s.routing(), refs));
    if (s.policyOrNull() != null) {
      b.setPolicy(PolicyWire.toWire(s.policyOrNull()));
    }
    return b.build();
  }

  private static StepStart fromWire(StepStartMsg m, WireRefs refs) {
    return new StepStart(m.getStep(), fromWire(m.getTariff()), Wire.doubles(m.getBusMeanSocList()),
        m.hasPolicy() ? PolicyWire.fromWire(m.getPolicy()) : null, m.getClosesPeriod(), fromWire(m.getRouting(), refs));
  }

  private static NetDemandMsg toWire(NetDemand d, WireRefs refs) {
    GroupFlows f = d.flows();
    NetDemandMsg.Builder b = NetDemandMsg.newBuilder().setStep(d.step()).addAllBusLoad(Wire.list(d.busLoadMwh()))
        .addAllBaseLoad(Wire.list(d.baseLoadMwh())).addAllHouseholdNetKwh(Wire.list(d.householdNetKwh()))
        .setFlows(GroupFlowsMsg.newBuilder().addAllNetKwh(Wire.list(f.netKwh)).addAllImportKwh(Wire.list(f.importKwh))
            .addAllExportKwh(Wire.list(f.exportKwh)).addAllStorageKwh(Wire.list(f.storageKwh)))
        .addAllBusMeanSoc(Wire.list(d.busMeanSoc())).setDomainNanos(d.domainNanos())
        .setRouting(toWire(d.routing(), refs));
    for (long n : d.planNanos()) {
      b.addPlanNanos(n);
    }
    return b.build();
  }

  private static NetDemand fromWire(NetDemandMsg m, WireRefs refs) {
    GroupFlowsMsg fm = m.getFlows();
    GroupFlows f = new GroupFlows(fm.getNetKwhCount());
    System.arraycopy(Wire.doubles(fm.getNetKwhList()), 0, f.netKwh, 0, f.netKwh.length);
    System.arraycopy(Wire.doubles(fm.getImportKwhList()), 0, f.importKwh, 0, f.importKwh.length);
    System.arraycopy(Wire.doubles(fm.getExportKwhList()), 0, f.exportKwh, 0, f.exportKwh.length);
    System.arraycopy(Wire.doubles(fm.getStorageKwhList()), 0, f.storageKwh, 0, f.storageKwh.length);
    return new NetDemand(m.getStep(), Wire.doubles(m.getBusLoadList()), Wire.doubles(m.getBaseLoadList()),
        Wire.doubles(m.getHouseholdNetKwhList()), f, Wire.doubles(m.getBusMeanSocList()),
        Wire.longs(m.getPlanNanosList()), m.getDomainNanos(), fromWire(m.getRouting(), refs));
  }

  private static ClearedMsg toWire(Cleared c, WireRefs refs) {
    return ClearedMsg.newBuilder().setStep(c.step()).addAllLmpUsdPerMwh(Wire.list(c.lmpUsdPerMwh()))
        .addAllShed(Wire.list(c.shed())).addAllSpill(Wire.list(c.spill())).addAllSolar(Wire.list(c.solar()))
        .addAllSolarAvailable(Wire.list(c.solarAvailable())).setCostUsd(c.costUsd()).setCurtailed(c.curtailed())
        .setDemand(toWire(c.demand(), refs)).setDomainNanos(c.domainNanos()).build();
  }

  private static Cleared fromWire(ClearedMsg m, WireRefs refs) {
    return new Cleared(m.getStep(), Wire.doubles(m.getLmpUsdPerMwhList()), Wire.doubles(m.getShedList()),
        Wire.doubles(m.getSpillList()), Wire.doubles(m.getSolarList()), Wire.doubles(m.getSolarAvailableList()),
        m.getCostUsd(), m.getCurtailed(), fromWire(m.getDemand(), refs), m.getDomainNanos());
  }

  private static PeriodRecordMsg toWire(PeriodRecord r) {
    return PeriodRecordMsg.newBuilder().setPeriod(r.period()).setDays(r.days()).setTariff(toWire(r.tariff()))
        .addAllMeanBillUsd(Wire.list(r.meanBillUsd())).addAllEeiPct(Wire.list(r.eeiPct())).setEeiGapPp(r.eeiGapPp())
        .setIncomeSpreadPp(r.incomeSpreadPp()).setNetRevenueUsd(r.netRevenueUsd()).setRevenueRatio(r.revenueRatio())
        .build();
  }

  private static PeriodRecord fromWire(PeriodRecordMsg m) {
    return new PeriodRecord(m.getPeriod(), m.getDays(), fromWire(m.getTariff()), Wire.doubles(m.getMeanBillUsdList()),
        Wire.doubles(m.getEeiPctList()), m.getEeiGapPp(), m.getIncomeSpreadPp(), m.getNetRevenueUsd(),
        m.getRevenueRatio());
  }

  private static List<StepPlayedMsg> toWire(List<StepPlayed> played, WireRefs refs) {
    List<StepPlayedMsg> out = new ArrayList<>(played.size());
    for (StepPlayed p : played) {
      StepPlayedMsg.Builder b = StepPlayedMsg.newBuilder().setCleared(toWire(p.cleared(), refs));
      if (p.periodOrNull() != null) {
        b.setPeriod(toWire(p.periodOrNull()));
      }
      p.timings().forEach(t -> b.addTimings(ActorTimingMsg.newBuilder().setActor(t.actor())
          .setDomainNanos(t.domainNanos())));
      out.add(b.build());
    }
    return out;
  }

  private static List<StepPlayed> fromWire(List<StepPlayedMsg> played, WireRefs refs) {
    List<StepPlayed> out = new ArrayList<>(played.size());
    for (StepPlayedMsg m : played) {
      out.add(new StepPlayed(fromWire(m.getCleared(), refs), m.hasPeriod() ? fromWire(m.getPeriod()) : null,
          m.getTimingsList().stream().map(t -> new ActorTiming(t.getActor(), t.getDomainNanos())).toList()));
    }
    return out;
  }

  private static CohortFieldMsg cohort(double[] soc, double[] action) {
    return CohortFieldMsg.newBuilder().addAllSoc(Wire.list(soc)).addAllAction(Wire.list(action)).build();
  }

  private static FieldSnapshotMsg toWire(FieldSnapshot f) {
    FieldSnapshotMsg.Builder b = FieldSnapshotMsg.newBuilder().addAllBusMeanSoc(Wire.list(f.busMeanSoc()));
    for (int c = 0; c < f.socByCohort().length; c++) {
      b.addCohorts(cohort(f.socByCohort()[c], f.actionByCohort()[c]));
    }
    return b.build();
  }

  private static FieldSnapshot fromWire(FieldSnapshotMsg m) {
    int cohorts = m.getCohortsCount();
    double[][] soc = new double[cohorts][];
    double[][] action = new double[cohorts][];
    for (int c = 0; c < cohorts; c++) {
      soc[c] = Wire.doubles(m.getCohorts(c).getSocList());
      action[c] = Wire.doubles(m.getCohorts(c).getActionList());
    }
    return new FieldSnapshot(soc, action, Wire.doubles(m.getBusMeanSocList()));
  }

  private static BeliefSnapshotMsg toWire(BeliefSnapshot b) {
    return BeliefSnapshotMsg.newBuilder().setBus(b.bus()).addAllBeliefUsdPerMwh(Wire.list(b.beliefUsdPerMwh())).build();
  }

  private static BeliefSnapshot fromWire(BeliefSnapshotMsg m) {
    return new BeliefSnapshot(m.getBus(), Wire.doubles(m.getBeliefUsdPerMwhList()));
  }

  private static DispatchMsg toWire(Dispatch d) {
    DispatchMsg.Builder b = DispatchMsg.newBuilder().setStep(d.step()).addAllLmp(Wire.list(d.lmp()))
        .setEnergy(d.energy()).addAllCongestion(Wire.list(d.congestion())).addAllLoad(Wire.list(d.load()))
        .addAllGeneration(Wire.list(d.generation())).addAllFlow(Wire.list(d.flow())).addAllShed(Wire.list(d.shed()))
        .addAllSpill(Wire.list(d.spill())).setCost(d.cost());
    for (boolean binding : d.lineBinding()) {
      b.addLineBinding(binding);
    }
    return b.build();
  }

  private static Dispatch fromWire(DispatchMsg m) {
    boolean[] binding = new boolean[m.getLineBindingCount()];
    for (int l = 0; l < binding.length; l++) {
      binding[l] = m.getLineBinding(l);
    }
    return new Dispatch(m.getStep(), Wire.doubles(m.getLmpList()), m.getEnergy(), Wire.doubles(m.getCongestionList()),
        Wire.doubles(m.getLoadList()), Wire.doubles(m.getGenerationList()), Wire.doubles(m.getFlowList()),
        Wire.doubles(m.getShedList()), Wire.doubles(m.getSpillList()), m.getCost(), binding);
  }

  private static FollowerProblemMsg toWire(FollowerProblem p) {
    Tariff t = p.tariff();
    return FollowerProblemMsg.newBuilder().setBus(p.bus()).setStartHour(p.startHour())
        .setEpisodeSteps(p.episodeSteps()).setStorageKwh(p.storageKwh()).setEfficiency(p.efficiency())
        .setMaxAction(p.maxAction()).setFeasibleActionMap(p.actionMap() == ActionMap.FEASIBLE)
        .addAllDemandKwh(Wire.list(p.demandKwh())).addAllShape(Wire.list(p.shape()))
        .addAllBeliefUsdPerMwh(Wire.list(p.beliefUsdPerMwh())).setPriceScaleUsdPerMwh(p.priceScaleUsdPerMwh())
        .setBuyAddOnUsdPerKwh(t.buyAddOnUsdPerKwh()).setSellAddOnUsdPerKwh(t.sellAddOnUsdPerKwh())
        .addAllFixedChargeUsdPerDay(Wire.list(t.fixedChargeUsdPerDay())).addAllSocMass(Wire.list(p.socMass()))
        .addAllBusMeanSocPath(Wire.list(p.busMeanSocPath())).setRewardScaleUsd(p.rewardScaleUsd()).setEnvSeed(p.seed())
        .setBounds(toWire(p.bounds())).build();
  }

  private static TariffBoundsMsg toWire(TariffBounds b) {
    return TariffBoundsMsg.newBuilder().setBuyAddOnUsdPerKwh(toWire(b.buyAddOnUsdPerKwh()))
        .setSellAddOnUsdPerKwh(toWire(b.sellAddOnUsdPerKwh())).setFixedChargeUsdPerDay(toWire(b.fixedChargeUsdPerDay()))
        .setRevenueRequirementUsdPerDay(b.revenueRequirementUsdPerDay()).build();
  }

  private static RangeMsg toWire(TariffBounds.Range r) {
    return RangeMsg.newBuilder().setMin(r.min()).setMax(r.max()).setInitial(r.initial()).build();
  }

  private static TariffBounds fromWire(TariffBoundsMsg m) {
    return new TariffBounds(fromWire(m.getBuyAddOnUsdPerKwh()), fromWire(m.getSellAddOnUsdPerKwh()),
        fromWire(m.getFixedChargeUsdPerDay()), m.getRevenueRequirementUsdPerDay());
  }

  private static TariffBounds.Range fromWire(RangeMsg m) {
    return new TariffBounds.Range(m.getMin(), m.getMax(), m.getInitial());
  }

  private static FollowerProblem fromWire(FollowerProblemMsg m) {
    Tariff t = new Tariff(m.getBuyAddOnUsdPerKwh(), m.getSellAddOnUsdPerKwh(),
        Wire.doubles(m.getFixedChargeUsdPerDayList()));
    return new FollowerProblem(m.getBus(), m.getStartHour(), m.getEpisodeSteps(), m.getStorageKwh(),
        m.getEfficiency(), m.getMaxAction(), m.getFeasibleActionMap() ? ActionMap.FEASIBLE : ActionMap.CLIP,
        Wire.doubles(m.getDemandKwhList()), Wire.doubles(m.getShapeList()), Wire.doubles(m.getBeliefUsdPerMwhList()),
        m.getPriceScaleUsdPerMwh(), t, fromWire(m.getBounds()), Wire.doubles(m.getSocMassList()),
        Wire.doubles(m.getBusMeanSocPathList()), m.getRewardScaleUsd(), m.getEnvSeed());
  }

  private static LeaderProblemMsg toWire(LeaderProblem p) {
    WorldOptions o = p.options();
    LeaderProblemMsg.Builder b = LeaderProblemMsg.newBuilder().setWorldSeed(o.seed()).setNoise(o.noise())
        .setWorldPolicy(o.policy()).setStepsDone(p.stepsDone()).setTariff(toWire(p.tariff()))
        .setLastEeiGapPp(p.start().eeiGapPp()).setLastRevenueRatio(p.start().revenueRatio())
        .setLastTariff(toWire(p.start().tariff()));
    for (int c = 0; c < p.socByCohort().length; c++) {
      b.addCohorts(cohort(p.socByCohort()[c], p.actionByCohort()[c]));
    }
    for (double[] row : p.beliefUsdPerMwh()) {
      b.addBeliefs(BusBeliefsMsg.newBuilder().addAllBeliefUsdPerMwh(Wire.list(row)));
    }
    for (PolicyParams f : p.followers()) {
      b.addFollowers(PolicyWire.toWire(f));
    }
    return b.build();
  }

  private static LeaderProblem fromWire(LeaderProblemMsg m) {
    double[][] soc = new double[m.getCohortsCount()][];
    double[][] action = new double[m.getCohortsCount()][];
    for (int c = 0; c < soc.length; c++) {
      soc[c] = Wire.doubles(m.getCohorts(c).getSocList());
      action[c] = Wire.doubles(m.getCohorts(c).getActionList());
    }
    double[][] beliefs = new double[m.getBeliefsCount()][];
    for (int n = 0; n < beliefs.length; n++) {
      beliefs[n] = Wire.doubles(m.getBeliefs(n).getBeliefUsdPerMwhList());
    }
    List<PolicyParams> followers = new ArrayList<>();
    for (PolicyParamsMsg f : m.getFollowersList()) {
      followers.add(PolicyWire.fromWire(f));
    }
    WorldOptions options = new WorldOptions(m.getWorldPolicy(), true, m.getNoise(), m.getWorldSeed());
    LeaderState start = new LeaderState(m.getLastEeiGapPp(), m.getLastRevenueRatio(), fromWire(m.getLastTariff()));
    return new LeaderProblem(options, Math.toIntExact(m.getStepsDone()), fromWire(m.getTariff()), soc, action,
        beliefs, List.copyOf(followers), start);
  }
}
