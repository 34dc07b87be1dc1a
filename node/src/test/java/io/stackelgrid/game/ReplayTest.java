package io.stackelgrid.game;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.world.StepRecord;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A game rebuilt from its state and learner checkpoints continues exactly as the original. */
class ReplayTest {
  @Test
  void replayedGameContinuesBitForBit() throws Exception {
    GameSettings g = AlgorithmOneTest.tiny().withLearnEveryStep(true).withTolerances(2, 0.01, 0.0);
    StackelbergGame original = AlgorithmOneTest.game(g, 8, 21);
    List<StepRecord> firstRun = new ArrayList<>();
    original.playPeriod((a, b, t) -> firstRun.add(a));
    original.playPeriod((a, b, t) -> firstRun.add(a));
    GameState saved = original.state();
    List<PpoCheckpoint> learners = checkpoints(original);

    StackelbergGame resumed = AlgorithmOneTest.game(g, 8, 21);
    LocalBestResponses l = learners(resumed);
    for (int n = 0; n < 3; n++) {
      l.follower(n).restoreCheckpoint(learners.get(n));
    }
    l.leader().restoreCheckpoint(learners.get(3));
    List<StepRecord> replayed = new ArrayList<>();
    resumed.replay(saved, (a, b, t) -> replayed.add(a), null);
    assertEquals(48, replayed.size());
    for (int t = 0; t < 48; t++) {
      assertArrayEquals(firstRun.get(t).lmpUsdPerMwh(), replayed.get(t).lmpUsdPerMwh(), "replayed step " + t);
      assertArrayEquals(firstRun.get(t).meanSoc(), replayed.get(t).meanSoc(), "replayed step " + t);
    }
    List<StepRecord> a = new ArrayList<>();
    List<StepRecord> b = new ArrayList<>();
    StackelbergGame.PeriodResult pa = original.playPeriod((x, y, t) -> a.add(x));
    StackelbergGame.PeriodResult pb = resumed.playPeriod((x, y, t) -> b.add(x));
    assertEquals(pa.info().tariff(), pb.info().tariff());
    for (int t = 0; t < a.size(); t++) {
      assertArrayEquals(a.get(t).lmpUsdPerMwh(), b.get(t).lmpUsdPerMwh(), "continued step " + t);
    }
    assertEquals(pa.learning().eeiGapPp(), pb.learning().eeiGapPp());
  }

  static LocalBestResponses learners(StackelbergGame game) throws Exception {
    Field f = StackelbergGame.class.getDeclaredField("learners");
    f.setAccessible(true);
    return (LocalBestResponses) f.get(game);
  }

  static List<PpoCheckpoint> checkpoints(StackelbergGame game) throws Exception {
    LocalBestResponses l = learners(game);
    List<PpoCheckpoint> out = new ArrayList<>();
    for (int n = 0; n < 3; n++) {
      out.add(l.follower(n).exportCheckpoint());
    }
    out.add(l.leader().exportCheckpoint());
    return out;
  }

}
