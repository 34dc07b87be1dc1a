package io.stackelgrid.cluster;

import io.stackelgrid.cluster.SweepCoordinator.AwaitSweep;
import io.stackelgrid.cluster.SweepCoordinator.SweepFinished;
import io.stackelgrid.cluster.SweepCoordinator.WorkRequest;
import io.stackelgrid.game.LearnerProblem;
import io.stackelgrid.learner.LearnerActor;
import io.stackelgrid.learner.PolicyWire;
import io.stackelgrid.proto.AwaitSweepMsg;
import io.stackelgrid.proto.JobProgressMsg;
import io.stackelgrid.proto.NoMoreWorkMsg;
import io.stackelgrid.proto.ResidentAnsweredMsg;
import io.stackelgrid.proto.ResidentNeedStateMsg;
import io.stackelgrid.proto.ResidentRefusedMsg;
import io.stackelgrid.proto.ResidentReleaseMsg;
import io.stackelgrid.proto.ResidentTrainMsg;
import io.stackelgrid.proto.SeedResultMsg;
import io.stackelgrid.proto.SweepFinishedMsg;
import io.stackelgrid.proto.SweepJobMsg;
import io.stackelgrid.proto.SweepOfferMsg;
import io.stackelgrid.proto.SweepStatusMsg;
import io.stackelgrid.proto.SweepStatusQueryMsg;
import io.stackelgrid.proto.WorkRequestMsg;
import io.stackelgrid.results.RunSummary;
import io.stackelgrid.wire.Codec;
import io.stackelgrid.wire.CodecSet;
import java.nio.file.Path;
import java.util.List;

/** The coordinator module's records on the wire (registered in its reference.conf). */
public final class CoordinatorCodecs implements CodecSet {
  @Override
  public List<Codec<?, ?>> codecs() {
    return List.of(
        Codec.of(ResidentLearner.Train.class, "ResidentTrain", ResidentTrainMsg.parser(),
            (t, refs) -> {
              ResidentTrainMsg.Builder b = ResidentTrainMsg.newBuilder().setScenario(t.scenario())
                  .addAllOverrides(t.overrides()).setScenarioDigest(t.scenarioDigest()).setSeed(t.seed())
                  .setPeriod(t.period())
                  .setProblem(refs.payload(t.problem())).setUpdates(t.updates()).setRequestId(t.requestId())
                  .setReplyTo(refs.toWire(t.replyTo()));
              if (t.stateOrNull() != null) {
                b.setState(PolicyWire.toWire(t.stateOrNull()));
              }
              return b.build();
            },
            (m, refs) -> new ResidentLearner.Train(m.getScenario(), List.copyOf(m.getOverridesList()),
                m.getScenarioDigest(), m.getSeed(), m.getPeriod(), (LearnerProblem) refs.value(m.getProblem()),
                m.getUpdates(),
                m.hasState() ? PolicyWire.fromWire(m.getState()) : null, m.getRequestId(), refs.ref(m.getReplyTo()))),
        Codec.of(ResidentLearner.Release.class, "ResidentRelease", ResidentReleaseMsg.parser(),
            (r, refs) -> ResidentReleaseMsg.newBuilder().setWhy(r.why()).build(),
            (m, refs) -> new ResidentLearner.Release(m.getWhy())),
        Codec.of(ResidentLearner.Answered.class, "ResidentAnswered", ResidentAnsweredMsg.parser(),
            (a, refs) -> ResidentAnsweredMsg.newBuilder().setHost(a.host()).setReply(refs.payload(a.reply())).build(),
            (m, refs) -> new ResidentLearner.Answered(m.getHost(), (LearnerActor.Reply) refs.value(m.getReply()))),
        Codec.of(ResidentLearner.NeedState.class, "ResidentNeedState", ResidentNeedStateMsg.parser(),
            (n, refs) -> ResidentNeedStateMsg.newBuilder().setHost(n.host()).setUpdatesHere(n.updatesHere()).build(),
            (m, refs) -> new ResidentLearner.NeedState(m.getHost(), m.getUpdatesHere())),
        Codec.of(ResidentLearner.Refused.class, "ResidentRefused", ResidentRefusedMsg.parser(),
            (r, refs) -> ResidentRefusedMsg.newBuilder().setHost(r.host()).setError(r.error())
                .putAllScenarioValues(r.scenarioValues()).build(),
            (m, refs) -> new ResidentLearner.Refused(m.getHost(), m.getError(), m.getScenarioValuesMap())),
        Codec.of(SweepWorker.Offer.class, "SweepOffer", SweepOfferMsg.parser(),
            (o, refs) -> SweepOfferMsg.newBuilder().setCoordinator(refs.toWire(o.coordinator())).build(),
            (m, refs) -> new SweepWorker.Offer(refs.ref(m.getCoordinator()))),
        Codec.of(SweepWorker.Work.class, "SweepWork", SweepJobMsg.parser(),
            (w, refs) -> toWire(w.job()), (m, refs) -> new SweepWorker.Work(fromWire(m))),
        Codec.of(SweepWorker.NoMoreWork.class, "NoMoreWork", NoMoreWorkMsg.parser(),
            (n, refs) -> NoMoreWorkMsg.getDefaultInstance(), (m, refs) -> SweepWorker.NoMoreWork.INSTANCE),
        Codec.of(WorkRequest.class, "WorkRequest", WorkRequestMsg.parser(),
            (r, refs) -> {
              WorkRequestMsg.Builder b = WorkRequestMsg.newBuilder().setWorker(refs.toWire(r.worker()));
              if (r.doneOrNull() != null) {
                b.setDone(toWire(r.doneOrNull()));
              }
              return b.build();
            },
            (m, refs) -> new WorkRequest(refs.ref(m.getWorker()), m.hasDone() ? fromWire(m.getDone()) : null)),
        Codec.of(AwaitSweep.class, "AwaitSweep", AwaitSweepMsg.parser(),
            (a, refs) -> AwaitSweepMsg.newBuilder().setReplyTo(refs.toWire(a.replyTo())).build(),
            (m, refs) -> new AwaitSweep(refs.ref(m.getReplyTo()))),
        Codec.of(SweepFinished.class, "SweepFinished", SweepFinishedMsg.parser(),
            (f, refs) -> SweepFinishedMsg.newBuilder()
                .addAllResults(f.results().stream().map(CoordinatorCodecs::toWire).toList())
                .setRequeued(f.requeued()).setCoordinatorAddress(f.coordinatorAddress()).addAllEvents(f.events()).build(),
            (m, refs) -> new SweepFinished(m.getResultsList().stream().map(CoordinatorCodecs::fromWire).toList(),
                m.getRequeued(), m.getCoordinatorAddress(), List.copyOf(m.getEventsList()))),
        Codec.of(SweepCoordinator.JobProgress.class, "JobProgress", JobProgressMsg.parser(),
            (p, refs) -> JobProgressMsg.newBuilder().setJobId(p.jobId()).setPeriodsDone(p.periodsDone()).build(),
            (m, refs) -> new SweepCoordinator.JobProgress(m.getJobId(), m.getPeriodsDone())),
        Codec.of(SweepCoordinator.StatusQuery.class, "SweepStatusQuery", SweepStatusQueryMsg.parser(),
            (q, refs) -> SweepStatusQueryMsg.newBuilder().setReplyTo(refs.toWire(q.replyTo())).build(),
            (m, refs) -> new SweepCoordinator.StatusQuery(refs.ref(m.getReplyTo()))),
        Codec.of(SweepCoordinator.SweepStatus.class, "SweepStatus", SweepStatusMsg.parser(),
            (st, refs) -> SweepStatusMsg.newBuilder().addAllPeriodsDone(st.periodsDoneByJob())
                .addAllDoneJobIds(st.doneJobIds()).setRequeued(st.requeued()).addAllEvents(st.events()).build(),
            (m, refs) -> new SweepCoordinator.SweepStatus(List.copyOf(m.getPeriodsDoneList()),
                List.copyOf(m.getDoneJobIdsList()), m.getRequeued(), List.copyOf(m.getEventsList()))));
  }

  private static SweepJobMsg toWire(SweepJob j) {
    return SweepJobMsg.newBuilder().setJobId(j.jobId()).setSeed(j.seed()).setScenario(j.scenario())
        .addAllOverrides(j.overrides()).setDays(j.days()).setHouseholds(j.households())
        .setOutDir(j.outDir().toString()).build();
  }

  private static SweepJob fromWire(SweepJobMsg m) {
    return new SweepJob(m.getJobId(), m.getSeed(), m.getScenario(), List.copyOf(m.getOverridesList()), m.getDays(),
        m.getHouseholds(), Path.of(m.getOutDir()));
  }

  private static SeedResultMsg toWire(SeedResult r) {
    SeedResultMsg.Builder b = SeedResultMsg.newBuilder().setJobId(r.jobId()).setSeed(r.seed()).setOk(r.ok())
        .setWallSeconds(r.wallSeconds()).setWorkerAddress(r.workerAddress());
    if (r.errorOrNull() != null) {
      b.setError(r.errorOrNull());
    }
    RunSummary.Seed s = r.summaryOrNull();
    if (s != null) {
      b.setImvLearningUsdPerMwh(s.imvLearning()).setImvBaselineUsdPerMwh(s.imvBaseline())
          .setGapLearningPp(s.gapLearning()).setGapBaselinePp(s.gapBaseline()).setGapFirstLearningPp(s.gapFirstLearning());
    }
    return b.build();
  }

  private static SeedResult fromWire(SeedResultMsg m) {
    RunSummary.Seed s = !m.getOk() ? null : new RunSummary.Seed(m.getSeed(), m.getImvLearningUsdPerMwh(),
        m.getImvBaselineUsdPerMwh(), m.getGapLearningPp(), m.getGapBaselinePp(), m.getGapFirstLearningPp());
    return new SeedResult(m.getJobId(), m.getSeed(), s, m.getOk() ? null : m.getError(), m.getWallSeconds(),
        m.getWorkerAddress());
  }
}
