package io.stackelgrid.cluster;

import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.ppo.RolloutParams;
import io.stackelgrid.ppo.Segment;
import io.stackelgrid.proto.CopyCollectMsg;
import io.stackelgrid.proto.CopyCollectedMsg;
import io.stackelgrid.proto.CopyNeedHistoryMsg;
import io.stackelgrid.proto.CopyRefusedMsg;
import io.stackelgrid.proto.CopyReleaseMsg;
import io.stackelgrid.proto.RolloutParamsMsg;
import io.stackelgrid.wire.Codec;
import io.stackelgrid.wire.CodecSet;
import java.util.List;

/** The leader's rollout copies' records on the wire (copies.proto; registered in reference.conf). */
public final class CopyCodecs implements CodecSet {
  @Override
  public List<Codec<?, ?>> codecs() {
    return List.of(
        Codec.of(RolloutCopyHost.Collect.class, "CopyCollect", CopyCollectMsg.parser(),
            (c, refs) -> {
              CopyCollectMsg.Builder b = CopyCollectMsg.newBuilder().setScenario(c.scenario())
                  .addAllOverrides(c.overrides()).setScenarioDigest(c.scenarioDigest()).setSeed(c.seed()).setPeriod(c.period()).setCall(c.call())
                  .setCopy(c.copy()).setRollout(c.rollout()).setRows(c.rows())
                  .addAllHistory(c.history().stream().map(CopyCodecs::toWire).toList()).setParams(toWire(c.params()))
                  .setReplyTo(refs.toWire(c.replyTo()));
              if (c.problemOrNull() != null) {
                b.setProblem(refs.payload(c.problemOrNull()));
              }
              return b.build();
            },
            (m, refs) -> new RolloutCopyHost.Collect(m.getScenario(), List.copyOf(m.getOverridesList()),
                m.getScenarioDigest(), m.getSeed(),
                m.getPeriod(), m.getCall(), m.getCopy(), m.getRollout(), m.getRows(),
                m.hasProblem() ? (LeaderProblem) refs.value(m.getProblem()) : null,
                m.getHistoryList().stream().map(CopyCodecs::fromWire).toList(), fromWire(m.getParams()),
                refs.ref(m.getReplyTo()))),
        Codec.of(RolloutCopyHost.Collected.class, "CopyCollected", CopyCollectedMsg.parser(),
            (c, refs) -> {
              Segment s = c.segment();
              CopyCollectedMsg.Builder b = CopyCollectedMsg.newBuilder().setHost(c.host())
                  .setCollectNanos(c.collectNanos());
              for (float v : s.observations()) {
                b.addObservations(v);
              }
              for (float v : s.actions()) {
                b.addActions(v);
              }
              for (float v : s.values()) {
                b.addValues(v);
              }
              for (boolean v : s.episodeStarts()) {
                b.addEpisodeStarts(v);
              }
              for (int i = 0; i < s.rows(); i++) {
                b.addRewards(s.rewards()[i]).addLogProbs(s.logProbs()[i]).addAdvantages(s.advantages()[i])
                    .addReturns(s.returns()[i]);
              }
              return b.build();
            },
            (m, refs) -> {
              boolean[] starts = new boolean[m.getEpisodeStartsCount()];
              for (int i = 0; i < starts.length; i++) {
                starts[i] = m.getEpisodeStarts(i);
              }
              return new RolloutCopyHost.Collected(m.getHost(), new Segment(floats(m.getObservationsList()),
                  floats(m.getActionsList()), doubles(m.getRewardsList()), floats(m.getValuesList()),
                  doubles(m.getLogProbsList()), starts, doubles(m.getAdvantagesList()), doubles(m.getReturnsList())),
                  m.getCollectNanos());
            }),
        Codec.of(RolloutCopyHost.NeedHistory.class, "CopyNeedHistory", CopyNeedHistoryMsg.parser(),
            (n, refs) -> CopyNeedHistoryMsg.newBuilder().setHost(n.host()).build(),
            (m, refs) -> new RolloutCopyHost.NeedHistory(m.getHost())),
        Codec.of(RolloutCopyHost.Refused.class, "CopyRefused", CopyRefusedMsg.parser(),
            (r, refs) -> CopyRefusedMsg.newBuilder().setHost(r.host()).setError(r.error()).build(),
            (m, refs) -> new RolloutCopyHost.Refused(m.getHost(), m.getError())),
        Codec.of(RolloutCopyHost.Release.class, "CopyRelease", CopyReleaseMsg.parser(),
            (r, refs) -> CopyReleaseMsg.newBuilder().setWhy(r.why()).build(),
            (m, refs) -> new RolloutCopyHost.Release(m.getWhy())));
  }

  private static RolloutParamsMsg toWire(RolloutParams p) {
    RolloutParamsMsg.Builder b = RolloutParamsMsg.newBuilder();
    for (float v : p.policy()) {
      b.addPolicy(v);
    }
    for (float v : p.value()) {
      b.addValue(v);
    }
    for (float v : p.logStd()) {
      b.addLogStd(v);
    }
    return b.build();
  }

  private static RolloutParams fromWire(RolloutParamsMsg m) {
    return new RolloutParams(floats(m.getPolicyList()), floats(m.getValueList()), floats(m.getLogStdList()));
  }

  private static float[] floats(List<Float> v) {
    float[] out = new float[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i);
    }
    return out;
  }

  private static double[] doubles(List<Double> v) {
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i);
    }
    return out;
  }
}
