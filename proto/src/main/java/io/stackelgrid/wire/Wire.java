package io.stackelgrid.wire;

import com.google.protobuf.Internal.DoubleList;
import com.google.protobuf.Internal.FloatList;
import com.google.protobuf.Internal.LongList;
import java.util.Arrays;
import java.util.List;

/** Repeated protobuf fields to and from the arrays the records hold, bit for bit. */
public final class Wire {
  private Wire() {}

  public static double[] doubles(List<Double> values) {
    double[] out = new double[values.size()];
    if (values instanceof DoubleList d) {
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

  public static float[] floats(List<Float> values) {
    float[] out = new float[values.size()];
    if (values instanceof FloatList f) {
      for (int i = 0; i < out.length; i++) {
        out[i] = f.getFloat(i);
      }
      return out;
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  public static long[] longs(List<Long> values) {
    long[] out = new long[values.size()];
    if (values instanceof LongList l) {
      for (int i = 0; i < out.length; i++) {
        out[i] = l.getLong(i);
      }
      return out;
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  public static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  public static List<Double> list(double[] values) {
    return Arrays.stream(values).boxed().toList();
  }
}
