package io.stackelgrid.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.receptionist.Receptionist;
import io.stackelgrid.cluster.LearnerClient.Answered;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.learner.LearnerActor.TrainingFailed;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The learner client with a probe as the only learner host (found through the Receptionist) on a
 * one-member cluster: requests are stamped and placed, a host that does not answer in time gets the
 * request again as the next attempt, and the first answer reaches the asker once.
 */
class LearnerClientTest {
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

  @Test
  void aRequestUnansweredInTimeIsSentAgainAndOnlyTheFirstAnswerCounts() {
    TestProbe<LearnerHost.Command> host = kit.createTestProbe();
    kit.system().receptionist().tell(Receptionist.register(LearnerHost.KEY, host.getRef()));
    ActorRef<LearnerClient.Command> client = kit.spawn(LearnerClient.create(Duration.ofSeconds(3)));
    TestProbe<LearnerClient.Result> asker = kit.createTestProbe();
    World w = new World(SCENARIO, WorldSettings.of(SCENARIO), new WorldOptions("baseline", true, true, 7),
        Tariff.initial(SCENARIO));
    FollowerProblem p = FollowerProblem.of(w, 2, w.belief(), new double[0], GameSettings.of(SCENARIO), 3);
    client.tell(new LearnerClient.Train("three-bus", List.of("a=1"), 7, 4, p, null, asker.getRef()));
    LearnerHost.Train first = host.expectMessageClass(LearnerHost.Train.class, WAIT);
    assertEquals(0, first.attempt());
    assertEquals(4, first.period());
    assertEquals(List.of("a=1"), first.overrides());
    // No answer within the attempt timeout: the same request (same id) again, attempt 1.
    LearnerHost.Train second = host.expectMessageClass(LearnerHost.Train.class, WAIT);
    assertEquals(first.requestId(), second.requestId());
    assertEquals(1, second.attempt());
    PolicyParams policy = new PolicyParams("follower-2", 0, new int[] {1, 1}, new int[] {1, 1}, new float[2],
        new float[2], new float[1]);
    TrainingFailed reply = new TrainingFailed("follower-2", 4, policy, "test", 1);
    second.replyTo().tell(new Answered(second.requestId(), second.attempt(), "h", reply));
    Answered answered = asker.expectMessageClass(Answered.class, WAIT);
    assertEquals(reply, answered.reply());
    // The first attempt's late answer is ignored: the asker hears once.
    first.replyTo().tell(new Answered(first.requestId(), first.attempt(), "h", reply));
    asker.expectNoMessage(Duration.ofMillis(300));
  }
}
