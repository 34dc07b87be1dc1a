package io.stackelgrid.ppo;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The DL4J engine: two {@link MultiLayerNetwork}s of {@code DenseLayer}s (tanh hidden, identity
 * output), no OutputLayer, so the learner's own PPO output gradients are backpropagated with
 * {@code backpropGradient}. SameDiff is avoided for its gradient bugs (STACK.md). Parameters share
 * {@link MlpShape}'s flat layout, which is DL4J's own.
 */
public final class Dl4jEngine implements PolicyNetworks {
  private final MlpShape policyShape;
  private final MlpShape valueShape;
  private final DataType dataType;
  private final MultiLayerNetwork policy;
  private final MultiLayerNetwork value;

  private static boolean threadsPinned;

  /** Networks of the given shapes in float (or double, for reference tests) precision. */
  public Dl4jEngine(MlpShape policyShape, MlpShape valueShape, boolean doublePrecision) {
    pinThreadsUnlessConfigured();
    this.policyShape = policyShape;
    this.valueShape = valueShape;
    this.dataType = doublePrecision ? DataType.DOUBLE : DataType.FLOAT;
    this.policy = build(policyShape, dataType);
    this.value = build(valueShape, dataType);
  }

  /**
   * Learners run in parallel as actors: ND4J gets one OpenMP/BLAS thread unless the user set
   * OMP_NUM_THREADS (with two threads on two busy cores an update took 8–17 s instead of ~1 s).
   */
  private static synchronized void pinThreadsUnlessConfigured() {
    if (threadsPinned || System.getenv("OMP_NUM_THREADS") != null) {
      return;
    }
    Nd4j.getEnvironment().setMaxThreads(1);
    Nd4j.getEnvironment().setMaxMasterThreads(1);
    Nd4j.factory().blas().setMaxThreads(1);
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
    threadsPinned = true;
  }

  @Override
  public PolicyNetworks sibling() {
    return new Dl4jEngine(policyShape, valueShape, dataType == DataType.DOUBLE);
  }

  private static MultiLayerNetwork build(MlpShape shape, DataType dataType) {
    // Workspaces off: backpropGradient with an external error needs the layer inputs kept.
    NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
        .dataType(dataType)
        .seed(0)
        .weightInit(WeightInit.ZERO)
        .updater(new NoOp())
        .trainingWorkspaceMode(WorkspaceMode.NONE)
        .inferenceWorkspaceMode(WorkspaceMode.NONE)
        .list();
    for (int l = 0; l < shape.layers(); l++) {
      boolean last = l == shape.layers() - 1;
      b.layer(new DenseLayer.Builder()
          .nIn(shape.width(l))
          .nOut(shape.width(l + 1))
          .activation(last ? Activation.IDENTITY : Activation.TANH)
          .build());
    }
    MultiLayerNetwork net = new MultiLayerNetwork(b.build());
    net.init();
    return net;
  }

  @Override
  public String engineName() {
    return "dl4j";
  }

  @Override
  public MlpShape policyShape() {
    return policyShape;
  }

  @Override
  public MlpShape valueShape() {
    return valueShape;
  }

  @Override
  public void setParams(float[] policyParams, float[] valueParams) {
    policy.params().assign(row(policyParams, policyParams.length));
    value.params().assign(row(valueParams, valueParams.length));
  }

  private INDArray row(float[] data, int length) {
    float[] exact = data.length == length ? data : Arrays.copyOf(data, length);
    return Nd4j.createFromArray(exact).reshape(1, length).castTo(dataType);
  }

  private INDArray matrix(float[] data, int rows, int cols) {
    return row(data, rows * cols).reshape('c', rows, cols);
  }

  private static void copyOut(INDArray out, float[] target) {
    float[] values = out.castTo(DataType.FLOAT).dup('c').data().asFloat();
    System.arraycopy(values, 0, target, 0, values.length);
  }

  @Override
  public void policyMean(float[] observations, int count, float[] meansOut) {
    copyOut(policy.output(matrix(observations, count, policyShape.inputSize()), false), meansOut);
  }

  @Override
  public void value(float[] observations, int count, float[] valuesOut) {
    copyOut(value.output(matrix(observations, count, valueShape.inputSize()), false), valuesOut);
  }

  @Override
  public void forwardForTraining(float[] observations, int count, float[] meansOut,
      float[] valuesOut) {
    INDArray x = matrix(observations, count, policyShape.inputSize());
    copyOut(trainForward(policy, x), meansOut);
    copyOut(trainForward(value, x), valuesOut);
  }

  private static INDArray trainForward(MultiLayerNetwork net, INDArray x) {
    net.setInput(x);
    List<INDArray> acts = net.feedForward(true, false);
    return acts.get(acts.size() - 1);
  }

  @Override
  public void backward(float[] meanGradients, float[] valueGradients, double[] policyGradOut,
      double[] valueGradOut) {
    int count = (int) policy.getInput().size(0);
    backprop(policy, matrix(meanGradients, count, policyShape.outputSize()), policyGradOut);
    backprop(value, matrix(valueGradients, count, 1), valueGradOut);
  }

  private static void backprop(MultiLayerNetwork net, INDArray outputGradient, double[] gradOut) {
    net.backpropGradient(outputGradient, LayerWorkspaceMgr.noWorkspaces());
    double[] g = net.getGradientsViewArray().castTo(DataType.DOUBLE).dup('c').data().asDouble();
    System.arraycopy(g, 0, gradOut, 0, gradOut.length);
  }
}
