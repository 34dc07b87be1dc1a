package io.stackelgrid.cluster;

import io.stackelgrid.cluster.SweepCoordinator.AwaitSweep;
import io.stackelgrid.cluster.SweepCoordinator.SweepFinished;
import io.stackelgrid.cluster.SweepCoordinator.WorkRequest;
import io.stackelgrid.game.LearnerProblem;
import io.stackelgrid.learner.LearnerActor;
import io.stackelgrid.learner.PolicyWire;
import io.stackelgrid.proto.AwaitSweepMsg;
import io.stackelgrid.proto.ClientTrainMsg;
import io.stackelgrid.proto.JobProgressMsg;
import io.stackelgrid.proto.NoMoreWorkMsg;
import io.stackelgrid.proto.RemoteAnsweredMsg;
import io.stackelgrid.proto.RemoteRefusedMsg;
import io.stackelgrid.proto.RemoteTrainMsg;
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
        Codec.of(LearnerHost.Train.class, "LearnerHostTrain", RemoteTrainMsg.parser(),
            (t, refs) -> {
              RemoteTrainMsg.Builder b = RemoteTrainMsg.newBuilder().setRequestId(t.requestId()).setAttempt(t.attempt())
                  .setScenario(t.scenario()).addAllOverrides(t.overrides()).setSeed(t.seed()).setPeriod(t.period())
                  .setProblem(refs.payload(t.problem())).setReplyTo(refs.toWire(t.replyTo()));
              if (t.warmOrNull() != null) {
                b.setWarm(PolicyWire.toWire(t.warmOrNull()));
              }
              return b.build();
            },
            (m, refs) -> new LearnerHost.Train(m.getRequestId(), m.getAttempt(), m.getScenario(),
                List.copyOf(m.getOverridesList()), m.getSeed(), m.getPeriod(), (LearnerProblem) refs.value(m.getProblem()),
                m.hasWarm() ? PolicyWire.fromWire(m.getWarm()) : null, refs.ref(m.getReplyTo()))),
        Codec.of(LearnerClient.Train.class, "LearnerClientTrain", ClientTrainMsg.parser(),
            (t, refs) -> {
              ClientTrainMsg.Builder b = ClientTrainMsg.newBuilder().setScenario(t.scenario())
                  .addAllOverrides(t.overrides()).setSeed(t.seed()).setPeriod(t.period())
                  .setProblem(refs.payload(t.problem())).setReplyTo(refs.toWire(t.replyTo()));
              if (t.warmOrNull() != null) {
                b.setWarm(PolicyWire.toWire(t.warmOrNull()));
              }
              return b.build();
            },
            (m, refs) -> new LearnerClient.Train(m.getScenario(), List.copyOf(m.getOverridesList()), m.getSeed(),
                m.getPeriod(), (LearnerProblem) refs.value(m.getProblem()),
                m.hasWarm() ? PolicyWire.fromWire(m.getWarm()) : null, refs.ref(m.getReplyTo()))),
        Codec.of(LearnerClient.Answered.class, "LearnerAnswered", RemoteAnsweredMsg.parser(),
            (a, refs) -> RemoteAnsweredMsg.newBuilder().setRequestId(a.requestId()).setAttempt(a.attempt())
                .setHost(a.host()).setReply(refs.payload(a.reply())).build(),
            (m, refs) -> new LearnerClient.Answered(m.getRequestId(), m.getAttempt(), m.getHost(),
                (LearnerActor.Reply) refs.value(m.getReply()))),
        Codec.of(LearnerClient.Refused.class, "LearnerRefused", RemoteRefusedMsg.parser(),
            (r, refs) -> RemoteRefusedMsg.newBuilder().setRequestId(r.requestId()).setAttempt(r.attempt())
                .setHost(r.host()).setError(r.error()).build(),
            (m, refs) -> new LearnerClient.Refused(m.getRequestId(), m.getAttempt(), m.getHost(), m.getError())),
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
                .setRequeued(f.requeued()).setCoordinatorAddress(f.coordinatorAddress()).build(),
            (m, refs) -> new SweepFinished(m.getResultsList().stream().map(CoordinatorCodecs::fromWire).toList(),
                m.getRequeued(), m.getCoordinatorAddress())),
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
