package io.stackelgrid.checkpoint;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.google.protobuf.InvalidProtocolBufferException;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.game.GameState;
import io.stackelgrid.game.LearnerStates;
import io.stackelgrid.game.LeaderState;
import io.stackelgrid.game.PeriodInfo;
import io.stackelgrid.learner.PolicyWire;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.proto.PolicyParamsMsg;
import io.stackelgrid.proto.PpoCheckpointMsg;
import io.stackelgrid.tariff.Tariff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A seed's checkpoint at a period boundary, in Kryo's binary streams: a magic string, a format
 * version and the run's fingerprint, then the body (game state, learners' PPO checkpoints) with its
 * length and CRC-32, so a truncated, damaged or foreign file is refused before anything is loaded.
 * Learners' states and policies are stored as their protobuf messages (policy.proto). Written to a
 * temporary name and renamed.
 */
public final class CheckpointFile {
  /** First bytes of every checkpoint. */
  public static final String MAGIC = "stackelgrid-checkpoint";
  /** Format version this build writes and reads. */
  public static final int VERSION = 2;
  /** File name inside DIR/seed-K. */
  public static final String NAME = "checkpoint";

  /** What a checkpoint holds: the game state and the learners (followers by aggregator id, the leader). */
  public record Contents(GameState game, LearnerStates learners) {}

  private CheckpointFile() {}

  /** Writes {@code contents} for the run identified by {@code fingerprint}. */
  public static void write(Path file, String fingerprint, Contents contents) {
    Output body = new Output(1 << 16, -1);
    writeBody(body, contents);
    byte[] bytes = body.toBytes();
    CRC32 crc = new CRC32();
    crc.update(bytes);
    Output out = new Output(bytes.length + 256, -1);
    out.writeString(MAGIC);
    out.writeInt(VERSION);
    out.writeString(fingerprint);
    out.writeInt(bytes.length);
    out.writeBytes(bytes);
    out.writeLong(crc.getValue());
    io.stackelgrid.results.AtomicFiles.write(file, out.toBytes());
  }

  /** Reads a checkpoint, refusing one that is truncated, damaged, of another version or another run. */
  public static Contents read(Path file, String fingerprint) {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StackelgridException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
    }
    try (Input in = new Input(all)) {
      String magic = in.readString();
      if (!MAGIC.equals(magic)) {
        throw refuse(file, "it is not a stackelgrid checkpoint");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw refuse(file, "its format version is " + version + ", this build reads " + VERSION);
      }
      String written = in.readString();
      if (!fingerprint.equals(written)) {
        throw refuse(file, "it was written by another run (" + RunFingerprint.difference(written, fingerprint) + ")");
      }
      int length = in.readInt();
      if (length < 0 || length > all.length - in.position() - 8) {
        throw refuse(file, "it is truncated");
      }
      byte[] bytes = in.readBytes(length);
      CRC32 crc = new CRC32();
      crc.update(bytes);
      if (in.readLong() != crc.getValue() || in.position() != all.length) {
        throw refuse(file, "its checksum does not match (damaged)");
      }
      return readBody(new Input(bytes));
    } catch (KryoException | IllegalArgumentException e) {
      throw refuse(file, "it is truncated or damaged (" + e.getMessage() + ")");
    } catch (InvalidProtocolBufferException e) {
      throw refuse(file, "a learner's state in it is damaged (" + e.getMessage() + ")");
    }
  }

  /**
   * The fingerprint of the run that wrote {@code file}, from its header alone, or null when the file
   * is not a readable checkpoint of this version (reading it whole says why).
   */
  public static String writtenBy(Path file) {
    try (Input in = new Input(Files.newInputStream(file), 4096)) {
      return MAGIC.equals(in.readString()) && in.readInt() == VERSION ? in.readString() : null;
    } catch (IOException | KryoException | IllegalArgumentException e) {
      return null;
    }
  }

  private static StackelgridException refuse(Path file, String why) {
    return new StackelgridException("refusing checkpoint " + file + ": " + why + "; nothing was loaded");
  }

  private static void writeBody(Output o, Contents c) {
    GameState g = c.game();
    o.writeInt(g.stepsDone());
    o.writeBoolean(g.frozen());
    o.writeLong(g.followerCalls());
    o.writeDouble(g.leader().eeiGapPp());
    o.writeDouble(g.leader().revenueRatio());
    writeTariff(o, g.leader().tariff());
    o.writeInt(g.policies().size());
    for (GameState.PolicyChange p : g.policies()) {
      o.writeInt(p.step());
      o.writeInt(p.aggregator());
      writeBytes(o, PolicyWire.toWire(p.params()).toByteArray());
    }
    o.writeInt(g.periods().size());
    for (PeriodInfo p : g.periods()) {
      o.writeInt(p.period());
      writeTariff(o, p.tariff());
      o.writeInt(p.innerIterations());
      o.writeDouble(p.innerDistance());
      o.writeDouble(p.tariffChange());
      o.writeBoolean(p.frozen());
      o.writeLong(p.innerNanos());
      o.writeLong(p.leaderNanos());
      o.writeLong(p.playNanos());
    }
    o.writeInt(c.learners().followers().size());
    for (Map.Entry<String, PpoCheckpoint> e : c.learners().followers().entrySet()) {
      o.writeString(e.getKey());
      writeBytes(o, e.getValue() == null ? null : PolicyWire.toWire(e.getValue()).toByteArray());
    }
    PpoCheckpoint leader = c.learners().leader();
    writeBytes(o, leader == null ? null : PolicyWire.toWire(leader).toByteArray());
  }

  private static Contents readBody(Input in) throws InvalidProtocolBufferException {
    int steps = in.readInt();
    boolean frozen = in.readBoolean();
    long calls = in.readLong();
    LeaderState leader = new LeaderState(in.readDouble(), in.readDouble(), readTariff(in));
    int n = in.readInt();
    List<GameState.PolicyChange> policies = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int step = in.readInt();
      int aggregator = in.readInt();
      policies.add(new GameState.PolicyChange(step, aggregator,
          PolicyWire.fromWire(PolicyParamsMsg.parseFrom(readBytes(in)))));
    }
    int m = in.readInt();
    List<PeriodInfo> periods = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      periods.add(new PeriodInfo(in.readInt(), readTariff(in), in.readInt(), in.readDouble(), in.readDouble(),
          in.readBoolean(), in.readLong(), in.readLong(), in.readLong()));
    }
    int k = in.readInt();
    Map<String, PpoCheckpoint> followers = new LinkedHashMap<>();
    for (int i = 0; i < k; i++) {
      String id = in.readString();
      byte[] b = readBytes(in);
      followers.put(id, b == null ? null : PolicyWire.fromWire(PpoCheckpointMsg.parseFrom(b)));
    }
    byte[] b = readBytes(in);
    PpoCheckpoint leaderLearner = b == null ? null : PolicyWire.fromWire(PpoCheckpointMsg.parseFrom(b));
    return new Contents(new GameState(steps, frozen, calls, leader, policies, periods),
        new LearnerStates(followers, leaderLearner));
  }

  private static void writeTariff(Output o, Tariff t) {
    o.writeDouble(t.buyAddOnUsdPerKwh());
    o.writeDouble(t.sellAddOnUsdPerKwh());
    double[] f = t.fixedChargeUsdPerDay();
    o.writeInt(f.length);
    o.writeDoubles(f, 0, f.length);
  }

  private static Tariff readTariff(Input in) {
    double buy = in.readDouble();
    double sell = in.readDouble();
    int n = in.readInt();
    return new Tariff(buy, sell, in.readDoubles(n));
  }

  private static void writeBytes(Output o, byte[] b) {
    o.writeInt(b == null ? -1 : b.length);
    if (b != null) {
      o.writeBytes(b);
    }
  }

  private static byte[] readBytes(Input in) {
    int n = in.readInt();
    return n < 0 ? null : in.readBytes(n);
  }
}
