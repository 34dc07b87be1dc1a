package io.stackelgrid.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.stackelgrid.cluster.LearnerClient.Answered;
import io.stackelgrid.cluster.LearnerClient.Refused;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.learner.LearnerActor.Trained;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A learner host driven by a probe client on a one-member cluster, every message serialised. */
class LearnerHostTest {
  static final List<String> OVERRIDES = FollowerTrainingTest.OVERRIDES;
  static final Scenario SCENARIO = FollowerTrainingTest.SCENARIO;
  static final Duration WAIT = Duration.ofSeconds(60);
  static ActorTestKit kit;

  @BeforeAll
  static void start() {
    kit = SingleNodeCluster.start();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static FollowerProblem problem() {
    World w = new World(SCENARIO, WorldSettings.of(SCENARIO), new WorldOptions("baseline", true, true, 7),
        Tariff.initial(SCENARIO));
    return FollowerProblem.of(w, 1, w.belief(), new double[0], GameSettings.of(SCENARIO), 3);
  }

  @Test
  void trainsTheRequestAsTheFunctionDoesAndAnswersWithItsIdAndAttempt() {
    ActorRef<LearnerHost.Command> host = kit.spawn(LearnerHost.create(1));
    TestProbe<LearnerClient.Command> client = kit.createTestProbe();
    FollowerProblem p = problem();
    host.tell(new LearnerHost.Train(41, 2, "three-bus", OVERRIDES, 7, 5, p, null, client.getRef()));
    Answered a = client.expectMessageClass(Answered.class, WAIT);
    assertEquals(41, a.requestId());
    assertEquals(2, a.attempt());
    Trained t = (Trained) a.reply();
    Trained direct = (Trained) new FollowerTraining().train("three-bus", OVERRIDES, 7, 5, p, null, "here");
    assertEquals(direct.state(), t.state(), "the learner's whole state, as trained in place");
    // A scenario the host cannot read: refused, naming it, and the host keeps serving.
    host.tell(new LearnerHost.Train(42, 0, "no-such-scenario", OVERRIDES, 7, 5, p, null, client.getRef()));
    Refused r = client.expectMessageClass(Refused.class, WAIT);
    assertEquals(42, r.requestId());
    assertTrue(r.error().contains("no-such-scenario") && r.error().contains("aggregator agg-b2"), r.error());
  }
}
