package io.stackelgrid.actors;

import io.stackelgrid.actors.AggregatorActor.BeliefRefused;
import io.stackelgrid.actors.AggregatorActor.BeliefRequest;
import io.stackelgrid.actors.AggregatorActor.BeliefSnapshot;
import io.stackelgrid.actors.AggregatorActor.ObservePrice;
import io.stackelgrid.actors.AggregatorActor.PlanFailed;
import io.stackelgrid.actors.AggregatorActor.PlanStep;
import io.stackelgrid.actors.AggregatorActor.Planned;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldRefused;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldRequest;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldSnapshot;
import io.stackelgrid.actors.MeanFieldTrackerActor.MoveFailed;
import io.stackelgrid.actors.MeanFieldTrackerActor.MoveHouseholds;
import io.stackelgrid.actors.MeanFieldTrackerActor.Moved;
import io.stackelgrid.actors.StepBarrierActor.ActorTiming;
import io.stackelgrid.actors.StepBarrierActor.PlayStep;
import io.stackelgrid.actors.StepBarrierActor.SnapshotRefused;
import io.stackelgrid.actors.StepBarrierActor.StepPlayed;
import io.stackelgrid.actors.StepBarrierActor.StepsFailed;
import io.stackelgrid.actors.StepBarrierActor.StepsPlayed;
import io.stackelgrid.actors.StepBarrierActor.TakeSnapshot;
import io.stackelgrid.actors.StepBarrierActor.WorldSnapshot;
import io.stackelgrid.actors.SystemOperatorActor.ClearFailed;
import io.stackelgrid.actors.SystemOperatorActor.ClearLoads;
import io.stackelgrid.actors.SystemOperatorActor.ClearStep;
import io.stackelgrid.actors.SystemOperatorActor.Cleared;
import io.stackelgrid.actors.SystemOperatorActor.DispatchFailed;
import io.stackelgrid.actors.SystemOperatorActor.Dispatched;
import io.stackelgrid.actors.UtilityActor.BillFailed;
import io.stackelgrid.actors.UtilityActor.BillStep;
import io.stackelgrid.actors.UtilityActor.Billed;
import io.stackelgrid.actors.UtilityActor.DecideTariff;
import io.stackelgrid.actors.UtilityActor.TariffDecision;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.game.LeaderState;
import io.stackelgrid.grid.Dispatch;
import io.stackelgrid.household.ActionMap;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.learner.PolicyWire;
import io.stackelgrid.proto.ActionPlanMsg;
import io.stackelgrid.proto.ActorTimingMsg;
import io.stackelgrid.proto.BeliefSnapshotMsg;
import io.stackelgrid.proto.BillFailedMsg;
import io.stackelgrid.proto.BillStepMsg;
import io.stackelgrid.proto.BilledMsg;
import io.stackelgrid.proto.BusBeliefsMsg;
import io.stackelgrid.proto.ClearFailedMsg;
import io.stackelgrid.proto.ClearLoadsMsg;
import io.stackelgrid.proto.ClearStepMsg;
import io.stackelgrid.proto.ClearedMsg;
import io.stackelgrid.proto.CohortFieldMsg;
import io.stackelgrid.proto.DecideTariffMsg;
import io.stackelgrid.proto.DispatchFailedMsg;
import io.stackelgrid.proto.DispatchMsg;
import io.stackelgrid.proto.FieldSnapshotMsg;
import io.stackelgrid.proto.FollowerMemberMsg;
import io.stackelgrid.proto.FollowerProblemMsg;
import io.stackelgrid.proto.GroupFlowsMsg;
import io.stackelgrid.proto.LeaderProblemMsg;
import io.stackelgrid.proto.MoveFailedMsg;
import io.stackelgrid.proto.MoveHouseholdsMsg;
import io.stackelgrid.proto.MovedMsg;
import io.stackelgrid.proto.ObservePriceMsg;
import io.stackelgrid.proto.PeriodRecordMsg;
import io.stackelgrid.proto.PlanFailedMsg;
import io.stackelgrid.proto.PlanStepMsg;
import io.stackelgrid.proto.PlannedMsg;
import io.stackelgrid.proto.PlayStepMsg;
import io.stackelgrid.proto.PolicyParamsMsg;
import io.stackelgrid.proto.RangeMsg;
import io.stackelgrid.proto.SlackEventMsg;
import io.stackelgrid.proto.SnapshotRefusedMsg;
import io.stackelgrid.proto.SnapshotRequestMsg;
import io.stackelgrid.proto.StepPlayedMsg;
import io.stackelgrid.proto.StepRecordMsg;
import io.stackelgrid.proto.StepsFailedMsg;
import io.stackelgrid.proto.StepsPlayedMsg;
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
import io.stackelgrid.world.PeriodRecord;
import io.stackelgrid.world.SlackEvent;
import io.stackelgrid.world.StepEngine;
import io.stackelgrid.world.StepRecord;
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
        Codec.of(PlanStep.class, "PlanStep", PlanStepMsg.parser(),
            (p, refs) -> {
              PlanStepMsg.Builder b = PlanStepMsg.newBuilder().setStep(p.step()).setTariff(toWire(p.tariff()))
                  .setBusMeanSoc(p.busMeanSoc()).setReplyTo(refs.toWire(p.replyTo()));
              if (p.policyOrNull() != null) {
                b.setPolicy(PolicyWire.toWire(p.policyOrNull()));
              }
              return b.build();
            },
            (m, refs) -> new PlanStep(m.getStep(), fromWire(m.getTariff()), m.getBusMeanSoc(),
                m.hasPolicy() ? PolicyWire.fromWire(m.getPolicy()) : null, refs.ref(m.getReplyTo()))),
        Codec.of(Planned.class, "Planned", PlannedMsg.parser(),
            (p, refs) -> PlannedMsg.newBuilder().setStep(p.step()).setAggregator(p.aggregator())
                .setPlan(toWire(p.plan())).setDomainNanos(p.domainNanos()).build(),
            (m, refs) -> new Planned(m.getStep(), m.getAggregator(), fromWire(m.getPlan()), m.getDomainNanos())),
        Codec.of(PlanFailed.class, "PlanFailed", PlanFailedMsg.parser(),
            (f, refs) -> PlanFailedMsg.newBuilder().setStep(f.step()).setError(f.error()).build(),
            (m, refs) -> new PlanFailed(m.getStep(), m.getError())),
        Codec.of(ObservePrice.class, "ObservePrice", ObservePriceMsg.parser(),
            (o, refs) -> ObservePriceMsg.newBuilder().setStep(o.step()).setLmpUsdPerMwh(o.lmpUsdPerMwh()).build(),
            (m, refs) -> new ObservePrice(m.getStep(), m.getLmpUsdPerMwh())),
        Codec.of(MoveHouseholds.class, "MoveHouseholds", MoveHouseholdsMsg.parser(),
            (mh, refs) -> MoveHouseholdsMsg.newBuilder().setStep(mh.step())
                .addAllPlans(mh.plans().stream().map(NodeCodecs::toWire).toList())
                .setReplyTo(refs.toWire(mh.replyTo())).build(),
            (m, refs) -> new MoveHouseholds(m.getStep(), m.getPlansList().stream().map(NodeCodecs::fromWire).toList(),
                refs.ref(m.getReplyTo()))),
        Codec.of(Moved.class, "Moved", MovedMsg.parser(), (mv, refs) -> toWire(mv), (m, refs) -> fromWire(m)),
        Codec.of(MoveFailed.class, "MoveFailed", MoveFailedMsg.parser(),
            (f, refs) -> MoveFailedMsg.newBuilder().setStep(f.step()).setError(f.error()).build(),
            (m, refs) -> new MoveFailed(m.getStep(), m.getError())),
        Codec.of(ClearLoads.class, "ClearLoads", ClearLoadsMsg.parser(),
            (c, refs) -> ClearLoadsMsg.newBuilder().setStep(c.step()).addAllLoadMwh(Wire.list(c.loadMwh()))
                .setReplyTo(refs.toWire(c.replyTo())).build(),
            (m, refs) -> new ClearLoads(m.getStep(), Wire.doubles(m.getLoadMwhList()), refs.ref(m.getReplyTo()))),
        Codec.of(Cleared.class, "Cleared", ClearedMsg.parser(), (c, refs) -> toWire(c), (m, refs) -> fromWire(m)),
        Codec.of(ClearFailed.class, "ClearFailed", ClearFailedMsg.parser(),
            (f, refs) -> ClearFailedMsg.newBuilder().setStep(f.step()).setError(f.error()).build(),
            (m, refs) -> new ClearFailed(m.getStep(), m.getError())),
        Codec.of(BillStep.class, "BillStep", BillStepMsg.parser(),
            (b, refs) -> BillStepMsg.newBuilder().setStep(b.step()).setFlows(toWire(b.flows()))
                .addAllLmpUsdPerMwh(Wire.list(b.lmpUsdPerMwh())).setTariff(toWire(b.tariff()))
                .setClosesPeriod(b.closesPeriod()).setReplyTo(refs.toWire(b.replyTo())).build(),
            (m, refs) -> new BillStep(m.getStep(), fromWire(m.getFlows()), Wire.doubles(m.getLmpUsdPerMwhList()),
                fromWire(m.getTariff()), m.getClosesPeriod(), refs.ref(m.getReplyTo()))),
        Codec.of(Billed.class, "Billed", BilledMsg.parser(),
            (b, refs) -> {
              BilledMsg.Builder out = BilledMsg.newBuilder().setStep(b.step()).setDomainNanos(b.domainNanos());
              if (b.periodOrNull() != null) {
                out.setPeriod(toWire(b.periodOrNull()));
              }
              return out.build();
            },
            (m, refs) -> new Billed(m.getStep(), m.hasPeriod() ? fromWire(m.getPeriod()) : null, m.getDomainNanos())),
        Codec.of(BillFailed.class, "BillFailed", BillFailedMsg.parser(),
            (f, refs) -> BillFailedMsg.newBuilder().setStep(f.step()).setError(f.error()).build(),
            (m, refs) -> new BillFailed(m.getStep(), m.getError())),
        Codec.of(PlayStep.class, "PlayStep", PlayStepMsg.parser(),
            (p, refs) -> {
              PlayStepMsg.Builder b = PlayStepMsg.newBuilder().setStep(p.step()).setTariff(toWire(p.tariff()))
                  .addAllBusMeanSoc(Wire.list(p.busMeanSoc())).setLastClosesPeriod(p.lastClosesPeriod())
                  .setSteps(p.steps()).setReplyTo(refs.toWire(p.replyTo()));
              p.newPolicies().forEach((a, policy) -> b.putNewPolicies(a, PolicyWire.toWire(policy)));
              return b.build();
            },
            (m, refs) -> {
              Map<Integer, PolicyParams> policies = new HashMap<>();
              m.getNewPoliciesMap().forEach((a, policy) -> policies.put(a, PolicyWire.fromWire(policy)));
              return new PlayStep(m.getStep(), fromWire(m.getTariff()), Wire.doubles(m.getBusMeanSocList()),
                  m.getLastClosesPeriod(), policies, m.getSteps(), refs.ref(m.getReplyTo()));
            }),
        Codec.of(StepsPlayed.class, "StepsPlayed", StepsPlayedMsg.parser(),
            (s, refs) -> StepsPlayedMsg.newBuilder().addAllPlayed(toWire(s.played())).build(),
            (m, refs) -> new StepsPlayed(fromWire(m.getPlayedList()))),
        Codec.of(StepsFailed.class, "StepsFailed", StepsFailedMsg.parser(),
            (s, refs) -> StepsFailedMsg.newBuilder().addAllPlayed(toWire(s.played())).setError(s.error()).build(),
            (m, refs) -> new StepsFailed(fromWire(m.getPlayedList()), m.getError())),
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
        Codec.of(FieldRefused.class, "FieldRefused", SnapshotRefusedMsg.parser(),
            (s, refs) -> SnapshotRefusedMsg.newBuilder().setWhy(s.why()).build(),
            (m, refs) -> new FieldRefused(m.getWhy())),
        Codec.of(BeliefSnapshot.class, "BeliefSnapshot", BeliefSnapshotMsg.parser(),
            (b, refs) -> toWire(b), (m, refs) -> fromWire(m)),
        Codec.of(BeliefRefused.class, "BeliefRefused", SnapshotRefusedMsg.parser(),
            (s, refs) -> SnapshotRefusedMsg.newBuilder().setWhy(s.why()).build(),
            (m, refs) -> new BeliefRefused(m.getWhy())),
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

  private static ActionPlanMsg toWire(ActionPlan p) {
    return ActionPlanMsg.newBuilder().addAllMeans(Wire.list(p.means())).setStd(p.std()).setMoves(p.moves()).build();
  }

  private static ActionPlan fromWire(ActionPlanMsg m) {
    return new ActionPlan(Wire.doubles(m.getMeansList()), m.getStd(), m.getMoves());
  }

  private static GroupFlowsMsg toWire(GroupFlows f) {
    return GroupFlowsMsg.newBuilder().addAllNetKwh(Wire.list(f.netKwh)).addAllImportKwh(Wire.list(f.importKwh))
        .addAllExportKwh(Wire.list(f.exportKwh)).addAllStorageKwh(Wire.list(f.storageKwh)).build();
  }

  private static GroupFlows fromWire(GroupFlowsMsg fm) {
    GroupFlows f = new GroupFlows(fm.getNetKwhCount());
    System.arraycopy(Wire.doubles(fm.getNetKwhList()), 0, f.netKwh, 0, f.netKwh.length);
    System.arraycopy(Wire.doubles(fm.getImportKwhList()), 0, f.importKwh, 0, f.importKwh.length);
    System.arraycopy(Wire.doubles(fm.getExportKwhList()), 0, f.exportKwh, 0, f.exportKwh.length);
    System.arraycopy(Wire.doubles(fm.getStorageKwhList()), 0, f.storageKwh, 0, f.storageKwh.length);
    return f;
  }

  private static MovedMsg toWire(Moved mv) {
    StepEngine.Moved m = mv.moved();
    StepEngine.BusLoads l = m.loads();
    return MovedMsg.newBuilder().setStep(mv.step()).setFlows(toWire(m.flows())).addAllLoadMwh(Wire.list(l.loadMwh()))
        .addAllBaseLoadMwh(Wire.list(l.baseLoadMwh())).addAllHouseholdKwh(Wire.list(l.householdKwh()))
        .addAllProsumerKwh(Wire.list(l.prosumerKwh())).addAllConsumerKwh(Wire.list(l.consumerKwh()))
        .addAllBusMeanSoc(Wire.list(m.busMeanSoc())).setDomainNanos(mv.domainNanos()).build();
  }

  private static Moved fromWire(MovedMsg m) {
    StepEngine.BusLoads l = new StepEngine.BusLoads(Wire.doubles(m.getLoadMwhList()),
        Wire.doubles(m.getBaseLoadMwhList()), Wire.doubles(m.getHouseholdKwhList()),
        Wire.doubles(m.getProsumerKwhList()), Wire.doubles(m.getConsumerKwhList()));
    return new Moved(m.getStep(), new StepEngine.Moved(fromWire(m.getFlows()), l, Wire.doubles(m.getBusMeanSocList())),
        m.getDomainNanos());
  }

  private static List<SlackEventMsg> slackToWire(List<SlackEvent> events) {
    return events.stream().map(e -> SlackEventMsg.newBuilder().setStep(e.step()).setBus(e.bus())
        .setShedMwh(e.shedMwh()).setSpillMwh(e.spillMwh()).build()).toList();
  }

  private static List<SlackEvent> slackFromWire(List<SlackEventMsg> events) {
    return events.stream().map(e -> new SlackEvent((int) e.getStep(), e.getBus(), e.getShedMwh(), e.getSpillMwh()))
        .toList();
  }

  private static ClearedMsg toWire(Cleared cl) {
    StepEngine.Clearing c = cl.clearing();
    return ClearedMsg.newBuilder().setStep(cl.step()).addAllLmpUsdPerMwh(Wire.list(c.lmpUsdPerMwh()))
        .addAllShed(Wire.list(c.shedMwh())).addAllSpill(Wire.list(c.spillMwh())).addAllSolar(Wire.list(c.solarMwh()))
        .addAllSolarAvailable(Wire.list(c.solarAvailableMwh())).setCostUsd(c.costUsd()).setCurtailed(c.curtailedMwh())
        .addAllSlack(slackToWire(c.slackEvents())).setDomainNanos(cl.domainNanos()).build();
  }

  private static Cleared fromWire(ClearedMsg m) {
    return new Cleared(m.getStep(), new StepEngine.Clearing(Wire.doubles(m.getLmpUsdPerMwhList()),
        Wire.doubles(m.getShedList()), Wire.doubles(m.getSpillList()), Wire.doubles(m.getSolarList()),
        Wire.doubles(m.getSolarAvailableList()), m.getCurtailed(), m.getCostUsd(), slackFromWire(m.getSlackList())),
        m.getDomainNanos());
  }

  private static PeriodRecordMsg toWire(PeriodRecord r) {
    return PeriodRecordMsg.newBuilder().setPeriod(r.period()).setDays(r.days()).setTariff(toWire(r.tariff()))
        .addAllMeanBillUsd(Wire.list(r.meanBillUsd())).addAllEeiPct(Wire.list(r.eeiPct()))
        .addAllTariffGroupEeiPct(Wire.list(r.tariffGroupEeiPct())).setEeiGapPp(r.eeiGapPp())
        .setIncomeSpreadPp(r.incomeSpreadPp()).setNetRevenueUsd(r.netRevenueUsd()).setRevenueRatio(r.revenueRatio())
        .build();
  }

  private static PeriodRecord fromWire(PeriodRecordMsg m) {
    return new PeriodRecord(m.getPeriod(), m.getDays(), fromWire(m.getTariff()), Wire.doubles(m.getMeanBillUsdList()),
        Wire.doubles(m.getEeiPctList()), Wire.doubles(m.getTariffGroupEeiPctList()), m.getEeiGapPp(),
        m.getIncomeSpreadPp(), m.getNetRevenueUsd(), m.getRevenueRatio());
  }

  private static StepRecordMsg toWire(StepRecord r) {
    return StepRecordMsg.newBuilder().setStep(r.step()).setDay(r.day()).setHour(r.hour()).setPeriod(r.period())
        .addAllLmpUsdPerMwh(Wire.list(r.lmpUsdPerMwh())).addAllLoadMwh(Wire.list(r.loadMwh()))
        .addAllBaseLoadMwh(Wire.list(r.baseLoadMwh())).addAllHouseholdNetKwh(Wire.list(r.householdNetKwh()))
        .addAllProsumerNetKwh(Wire.list(r.prosumerNetKwh())).addAllConsumerKwh(Wire.list(r.consumerKwh()))
        .addAllMeanSoc(Wire.list(r.meanSoc())).addAllSolarMwh(Wire.list(r.solarMwh()))
        .addAllSolarAvailableMwh(Wire.list(r.solarAvailableMwh())).addAllShedMwh(Wire.list(r.shedMwh()))
        .addAllSpillMwh(Wire.list(r.spillMwh())).setGenerationCostUsd(r.generationCostUsd()).build();
  }

  private static StepRecord fromWire(StepRecordMsg m) {
    return new StepRecord((int) m.getStep(), m.getDay(), m.getHour(), m.getPeriod(),
        Wire.doubles(m.getLmpUsdPerMwhList()), Wire.doubles(m.getLoadMwhList()), Wire.doubles(m.getBaseLoadMwhList()),
        Wire.doubles(m.getHouseholdNetKwhList()), Wire.doubles(m.getProsumerNetKwhList()),
        Wire.doubles(m.getConsumerKwhList()), Wire.doubles(m.getMeanSocList()), Wire.doubles(m.getSolarMwhList()),
        Wire.doubles(m.getSolarAvailableMwhList()), Wire.doubles(m.getShedMwhList()), Wire.doubles(m.getSpillMwhList()),
        m.getGenerationCostUsd());
  }

  private static List<StepPlayedMsg> toWire(List<StepPlayed> played) {
    List<StepPlayedMsg> out = new ArrayList<>(played.size());
    for (StepPlayed p : played) {
      StepPlayedMsg.Builder b = StepPlayedMsg.newBuilder().setRecord(toWire(p.record()))
          .addAllSlack(slackToWire(p.slackEvents())).setCurtailed(p.curtailedMwh());
      if (p.periodOrNull() != null) {
        b.setPeriod(toWire(p.periodOrNull()));
      }
      p.timings().forEach(t -> b.addTimings(ActorTimingMsg.newBuilder().setActor(t.actor())
          .setDomainNanos(t.domainNanos())));
      out.add(b.build());
    }
    return out;
  }

  private static List<StepPlayed> fromWire(List<StepPlayedMsg> played) {
    List<StepPlayed> out = new ArrayList<>(played.size());
    for (StepPlayedMsg m : played) {
      out.add(new StepPlayed(fromWire(m.getRecord()), m.hasPeriod() ? fromWire(m.getPeriod()) : null,
          slackFromWire(m.getSlackList()), m.getCurtailed(),
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
    return BeliefSnapshotMsg.newBuilder().setAggregator(b.aggregator())
        .addAllBeliefUsdPerMwh(Wire.list(b.beliefUsdPerMwh())).build();
  }

  private static BeliefSnapshot fromWire(BeliefSnapshotMsg m) {
    return new BeliefSnapshot(m.getAggregator(), Wire.doubles(m.getBeliefUsdPerMwhList()));
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
    FollowerProblemMsg.Builder b = FollowerProblemMsg.newBuilder().setAggregator(p.aggregator()).setAggregatorId(p.aggregatorId())
        .setStartHour(p.startHour()).setEpisodeSteps(p.episodeSteps()).setEfficiency(p.efficiency())
        .setMaxAction(p.maxAction()).setFeasibleActionMap(p.actionMap() == ActionMap.FEASIBLE)
        .addAllShape(Wire.list(p.shape())).addAllBeliefUsdPerMwh(Wire.list(p.beliefUsdPerMwh()))
        .setPriceScaleUsdPerMwh(p.priceScaleUsdPerMwh()).setBuyAddOnUsdPerKwh(t.buyAddOnUsdPerKwh())
        .setSellAddOnUsdPerKwh(t.sellAddOnUsdPerKwh()).addAllFixedChargeUsdPerDay(Wire.list(t.fixedChargeUsdPerDay()))
        .addAllBusMeanSocPath(Wire.list(p.busMeanSocPath())).setRewardScaleUsd(p.rewardScaleUsd()).setEnvSeed(p.seed())
        .setBounds(toWire(p.bounds()));
    for (FollowerProblem.Member m : p.members()) {
      b.addMembers(FollowerMemberMsg.newBuilder().setStorageKwh(m.storageKwh()).setWeight(m.weight())
          .addAllDemandKwh(Wire.list(m.demandKwh())).addAllSocMass(Wire.list(m.socMass())));
    }
    return b.build();
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
    List<FollowerProblem.Member> members = new ArrayList<>();
    for (FollowerMemberMsg mm : m.getMembersList()) {
      members.add(new FollowerProblem.Member(mm.getStorageKwh(), mm.getWeight(), Wire.doubles(mm.getDemandKwhList()),
          Wire.doubles(mm.getSocMassList())));
    }
    return new FollowerProblem(m.getAggregator(), m.getAggregatorId(), m.getStartHour(), m.getEpisodeSteps(), m.getEfficiency(),
        m.getMaxAction(), m.getFeasibleActionMap() ? ActionMap.FEASIBLE : ActionMap.CLIP, members,
        Wire.doubles(m.getShapeList()), Wire.doubles(m.getBeliefUsdPerMwhList()), m.getPriceScaleUsdPerMwh(), t,
        fromWire(m.getBounds()), Wire.doubles(m.getBusMeanSocPathList()), m.getRewardScaleUsd(), m.getEnvSeed());
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
