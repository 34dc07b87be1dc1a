package io.stackelgrid.learner;

import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.ppo.Rng;
import io.stackelgrid.proto.PolicyParamsMsg;
import io.stackelgrid.proto.PpoCheckpointMsg;
import io.stackelgrid.wire.Wire;

/** A policy's parameters and a learner's state to and from their protobuf messages, bit for bit. */
public final class PolicyWire {
  private PolicyWire() {}

  public static PolicyParamsMsg toWire(PolicyParams p) {
    PolicyParamsMsg.Builder b = PolicyParamsMsg.newBuilder().setLearnerName(p.learnerName()).setUpdates(p.updates());
    for (int w : p.policyLayerSizes()) {
      b.addPolicyLayerSizes(w);
    }
    for (int w : p.valueLayerSizes()) {
      b.addValueLayerSizes(w);
    }
    for (float v : p.policyParams()) {
      b.addPolicyParams(v);
    }
    for (float v : p.valueParams()) {
      b.addValueParams(v);
    }
    for (float v : p.logStd()) {
      b.addLogStd(v);
    }
    return b.build();
  }

  public static PolicyParams fromWire(PolicyParamsMsg m) {
    return new PolicyParams(m.getLearnerName(), m.getUpdates(), Wire.ints(m.getPolicyLayerSizesList()),
        Wire.ints(m.getValueLayerSizesList()), Wire.floats(m.getPolicyParamsList()),
        Wire.floats(m.getValueParamsList()), Wire.floats(m.getLogStdList()));
  }

  public static PpoCheckpointMsg toWire(PpoCheckpoint c) {
    PpoCheckpointMsg.Builder b = PpoCheckpointMsg.newBuilder().setParams(toWire(c.params()))
        .setAdamSteps(c.adamSteps()).setRngState(c.rng().state()).setRngSpareGaussian(c.rng().spareGaussian())
        .setRngHasSpare(c.rng().hasSpare()).setTimesteps(c.timesteps());
    for (int k = 0; k < c.adamFirstMoment().length; k++) {
      b.addAdamFirstMoment(c.adamFirstMoment()[k]).addAdamSecondMoment(c.adamSecondMoment()[k]);
    }
    return b.build();
  }

  public static PpoCheckpoint fromWire(PpoCheckpointMsg m) {
    return new PpoCheckpoint(fromWire(m.getParams()), Wire.doubles(m.getAdamFirstMomentList()),
        Wire.doubles(m.getAdamSecondMomentList()), m.getAdamSteps(),
        new Rng.State(m.getRngState(), m.getRngSpareGaussian(), m.getRngHasSpare()), m.getTimesteps());
  }
}
