package io.stackelgrid.finitegame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stackelgrid.common.StackelgridException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes the game file and the solution JSON of MODEL.md §7, validating every key. */
public final class GameFiles {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private GameFiles() {}

  /** Parses a game file; errors name the file, the key and the index. */
  public static FiniteGame read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new StackelgridException(file + ": cannot read the game file (" + e.getMessage() + ")", e);
    }
    return parse(text, file.toString());
  }

  /** Parses game JSON; {@code source} names it in errors. */
  public static FiniteGame parse(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new StackelgridException(source + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new StackelgridException(source + ": the game must be a JSON object");
    }
    FiniteGame.Side leader = side(root, "leader", source);
    FiniteGame.Side follower = side(root, "follower", source);
    int nL = leader.states();
    int mL = leader.actions();
    int nF = follower.states();
    int mF = follower.actions();
    double[][][][] tL = array4(root, "transitionLeader", new int[] {nL, mL, mF, nL}, source);
    double[][][][] tF = array4(root, "transitionFollower", new int[] {nF, mF, mL, nF}, source);
    double[][][][] rL = array4(root, "rewardLeader", new int[] {nL, nF, mL, mF}, source);
    double[][][][] rF = array4(root, "rewardFollower", new int[] {nF, nL, mF, mL}, source);
    double[][][][] mf = root.has("meanFieldRewardFollower")
        ? array4(root, "meanFieldRewardFollower", new int[] {nF, mF, nF, mF}, source) : null;
    checkDistributions(tL, "transitionLeader", source);
    checkDistributions(tF, "transitionFollower", source);
    return new FiniteGame(leader, follower, tL, tF, rL, rF, mf);
  }

  private static FiniteGame.Side side(JsonNode root, String key, String source) {
    JsonNode n = root.get(key);
    if (n == null || !n.isObject()) {
      throw new StackelgridException(source + ": missing object '" + key + "'");
    }
    int states = positiveInt(n, key, "states", source);
    int actions = positiveInt(n, key, "actions", source);
    double gamma = number(n, key, "gamma", source);
    double alpha = number(n, key, "alpha", source);
    if (!(gamma >= 0 && gamma < 1)) {
      throw new StackelgridException(source + ": " + key + ".gamma = " + gamma + " must be in [0, 1)");
    }
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new StackelgridException(source + ": " + key + ".alpha = " + alpha + " must be positive");
    }
    return new FiniteGame.Side(states, actions, gamma, alpha);
  }

  private static int positiveInt(JsonNode n, String side, String key, String source) {
    JsonNode v = n.get(key);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
      throw new StackelgridException(source + ": " + side + "." + key + " must be a positive integer");
    }
    return v.asInt();
  }

  private static double number(JsonNode n, String side, String key, String source) {
    JsonNode v = n.get(key);
    if (v == null || !v.isNumber()) {
      throw new StackelgridException(source + ": " + side + "." + key + " must be a number");
    }
    return v.asDouble();
  }

  private static double[][][][] array4(JsonNode root, String key, int[] dims, String source) {
    JsonNode n = root.get(key);
    if (n == null) {
      throw new StackelgridException(source + ": missing array '" + key + "'");
    }
    double[][][][] a = new double[dims[0]][dims[1]][dims[2]][dims[3]];
    checkLength(n, dims[0], key, source);
    for (int i = 0; i < dims[0]; i++) {
      JsonNode ni = n.get(i);
      String ki = key + "[" + i + "]";
      checkLength(ni, dims[1], ki, source);
      for (int j = 0; j < dims[1]; j++) {
        JsonNode nj = ni.get(j);
        String kj = ki + "[" + j + "]";
        checkLength(nj, dims[2], kj, source);
        for (int k = 0; k < dims[2]; k++) {
          JsonNode nk = nj.get(k);
          String kk = kj + "[" + k + "]";
          checkLength(nk, dims[3], kk, source);
          for (int l = 0; l < dims[3]; l++) {
            JsonNode v = nk.get(l);
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
              throw new StackelgridException(source + ": " + kk + "[" + l + "] is not a finite number");
            }
            a[i][j][k][l] = v.asDouble();
          }
        }
      }
    }
    return a;
  }

  private static void checkLength(JsonNode n, int length, String key, String source) {
    if (n == null || !n.isArray() || n.size() != length) {
      throw new StackelgridException(source + ": " + key + " must be an array of " + length
          + " entries" + (n != null && n.isArray() ? " but has " + n.size() : ""));
    }
  }

  private static void checkDistributions(double[][][][] t, String key, String source) {
    for (int i = 0; i < t.length; i++) {
      for (int j = 0; j < t[i].length; j++) {
        for (int k = 0; k < t[i][j].length; k++) {
          double sum = 0;
          for (int l = 0; l < t[i][j][k].length; l++) {
            if (t[i][j][k][l] < 0) {
              throw new StackelgridException(source + ": " + key + "[" + i + "][" + j + "][" + k
                  + "][" + l + "] is negative");
            }
            sum += t[i][j][k][l];
          }
          if (Math.abs(sum - 1) > 1e-9) {
            throw new StackelgridException(source + ": " + key + "[" + i + "][" + j + "][" + k
                + "] sums to " + sum + ", not 1");
          }
        }
      }
    }
  }

  /** The game as JSON in the file format (for tests and generated examples). */
  public static String toJson(FiniteGame g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("leader", side(g.leader()));
    m.put("follower", side(g.follower()));
    m.put("transitionLeader", g.transitionLeader());
    m.put("transitionFollower", g.transitionFollower());
    m.put("rewardLeader", g.rewardLeader());
    m.put("rewardFollower", g.rewardFollower());
    if (g.hasMeanField()) {
      m.put("meanFieldRewardFollower", g.meanFieldRewardFollower());
    }
    return write(m);
  }

  private static Map<String, Object> side(FiniteGame.Side s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("states", s.states());
    m.put("actions", s.actions());
    m.put("gamma", s.gamma());
    m.put("alpha", s.alpha());
    return m;
  }

  /** Deterministic JSON text of a map of plain values and arrays (keys in insertion order). */
  static String write(Map<String, Object> m) {
    try {
      return JSON.writeValueAsString(m);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
