package io.stackelgrid.learner;

import io.stackelgrid.learner.LearnerActor.Train;
import io.stackelgrid.learner.LearnerActor.Trained;
import io.stackelgrid.learner.LearnerActor.TrainingFailed;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.proto.PolicyParamsMsg;
import io.stackelgrid.proto.PpoCheckpointMsg;
import io.stackelgrid.proto.TrainMsg;
import io.stackelgrid.proto.TrainedMsg;
import io.stackelgrid.proto.TrainingFailedMsg;
import io.stackelgrid.wire.Codec;
import io.stackelgrid.wire.CodecSet;
import java.util.List;

/** The learners module's records on the wire (registered in its reference.conf). */
public final class LearnerCodecs implements CodecSet {
  @Override
  public List<Codec<?, ?>> codecs() {
    return List.of(
        Codec.of(PolicyParams.class, "PolicyParams", PolicyParamsMsg.parser(),
            (p, refs) -> PolicyWire.toWire(p), (m, refs) -> PolicyWire.fromWire(m)),
        Codec.of(PpoCheckpoint.class, "PpoCheckpoint", PpoCheckpointMsg.parser(),
            (c, refs) -> PolicyWire.toWire(c), (m, refs) -> PolicyWire.fromWire(m)),
        Codec.of(Train.class, "LearnerTrain", TrainMsg.parser(),
            (t, refs) -> TrainMsg.newBuilder().setPeriod(t.period()).setProblem(refs.payload(t.problem()))
                .setReplyTo(refs.toWire(t.replyTo())).build(),
            (m, refs) -> new Train<>(m.getPeriod(), refs.value(m.getProblem()), refs.ref(m.getReplyTo()))),
        Codec.of(Trained.class, "LearnerTrained", TrainedMsg.parser(),
            (t, refs) -> TrainedMsg.newBuilder().setLearner(t.learner()).setPeriod(t.period())
                .setState(PolicyWire.toWire(t.state())).setTrainNanos(t.trainNanos()).build(),
            (m, refs) -> new Trained(m.getLearner(), m.getPeriod(), PolicyWire.fromWire(m.getState()),
                m.getTrainNanos())),
        Codec.of(TrainingFailed.class, "LearnerTrainingFailed", TrainingFailedMsg.parser(),
            (t, refs) -> TrainingFailedMsg.newBuilder().setLearner(t.learner()).setPeriod(t.period())
                .setPolicy(PolicyWire.toWire(t.policy())).setCause(t.cause()).setTrainNanos(t.trainNanos()).build(),
            (m, refs) -> new TrainingFailed(m.getLearner(), m.getPeriod(), PolicyWire.fromWire(m.getPolicy()),
                m.getCause(), m.getTrainNanos())));
  }
}
