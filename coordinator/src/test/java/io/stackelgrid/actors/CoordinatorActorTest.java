package io.stackelgrid.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.stackelgrid.actors.CoordinatorActor.PeriodFailed;
import io.stackelgrid.actors.CoordinatorActor.PeriodPlayed;
import io.stackelgrid.actors.CoordinatorActor.PeriodReply;
import io.stackelgrid.actors.CoordinatorActor.RunPeriod;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.game.LeaderEnv;
import io.stackelgrid.game.LeaderState;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.game.LocalBestResponses;
import io.stackelgrid.game.StackelbergGame;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The coordinator's protocol on the typed ActorTestKit, every message serialised, over a plain game. */
class CoordinatorActorTest {
  static final Scenario SCENARIO = ScenarioLoader.load("three-bus", Map.of());
  static final GameSettings TINY = ActorProtocolTest.TINY;
  static final Duration WAIT = Duration.ofSeconds(120);
  static ActorTestKit kit;

  @BeforeAll
  static void start() {
    kit = SerialisingTestKit.create();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void playsOnePeriodPerRequestReportsEachAndRefusesOnceTheRunIsDone() {
    long seed = 4;
    WorldSettings ws = WorldSettings.of(SCENARIO);
    World world = new World(SCENARIO, ws, new WorldOptions("baseline", true, true, seed), Tariff.initial(SCENARIO));
    World base = new World(SCENARIO, ws, new WorldOptions("baseline", true, true, seed), Tariff.initial(SCENARIO));
    PpoLearner[] followers = new PpoLearner[3];
    for (int n = 0; n < 3; n++) {
      followers[n] = LearnerFactory.follower(TINY, seed, n,
          FollowerProblem.of(world, n, world.belief(), new double[0], TINY, 0));
    }
    PpoLearner leader = LearnerFactory.leader(TINY, seed, new LeaderEnv(world.copy(), TINY.codec(SCENARIO),
        new LeaderState(0, 1, world.tariff()), TINY));
    List<StackelbergGame.PeriodResult> periods = new ArrayList<>();
    List<Integer> steps = new ArrayList<>();
    try (LocalBestResponses learners = new LocalBestResponses(followers, leader, 48, seed, m -> {},
        p -> p.env(SCENARIO, ws, TINY))) {
      // Four days: a period of 24 steps, then one of 8.
      StackelbergGame game = new StackelbergGame(world, base, TINY, learners, seed, 4 * 8);
      ActorRef<CoordinatorActor.Command> coordinator = kit.spawn(CoordinatorActor.create(game, seed,
          (a, b, t) -> steps.add(a.step()), periods::add));
      TestProbe<PeriodReply> probe = kit.createTestProbe();
      coordinator.tell(new RunPeriod(probe.getRef()));
      PeriodPlayed p0 = probe.expectMessageClass(PeriodPlayed.class, WAIT);
      assertEquals(0, p0.period());
      assertFalse(p0.runDone());
      assertEquals(periods.get(0).learning().eeiGapPp(), p0.eeiGapPp());
      assertEquals(periods.get(0).info().innerIterations(), p0.innerIterations());
      coordinator.tell(new RunPeriod(probe.getRef()));
      PeriodPlayed p1 = probe.expectMessageClass(PeriodPlayed.class, WAIT);
      assertEquals(1, p1.period());
      assertTrue(p1.runDone());
      assertEquals(32, steps.size());
      assertEquals(31, steps.get(31));
      coordinator.tell(new RunPeriod(probe.getRef()));
      PeriodFailed f = probe.expectMessageClass(PeriodFailed.class, WAIT);
      assertTrue(f.error().contains("seed 4"), f.error());
    }
  }
}
