package io.stackelgrid.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.Address;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.cluster.typed.Cluster;
import io.stackelgrid.game.FollowerEnv;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.learner.LearnerActor.Trained;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A resident learner on a one-member cluster (sharded, placed on this member, every message
 * serialised): it keeps its networks between requests, asks for the run's state when it holds other
 * updates, and its trainings equal one learner trained in place.
 */
class ResidentLearnerTest {
  static final Duration WAIT = Duration.ofSeconds(120);
  static final AtomicInteger trainings = new AtomicInteger();
  static ActorTestKit kit;
  static ResidentLearners learners;

  @BeforeAll
  static void start() {
    kit = SingleNodeCluster.start();
    learners = ResidentLearners.start(kit.system(), t -> trainings.incrementAndGet());
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static FollowerProblem problem(long envSeed) {
    World w = new World(FollowerTrainingTest.SCENARIO, WorldSettings.of(FollowerTrainingTest.SCENARIO),
        new WorldOptions("baseline", true, true, FollowerTrainingTest.SEED), Tariff.initial(FollowerTrainingTest.SCENARIO));
    for (int i = 0; i < 5 * envSeed; i++) {
      w.advance();
    }
    return FollowerProblem.of(w, 1, w.belief(), new double[0], FollowerTrainingTest.GAME, envSeed);
  }

  private static ResidentLearner.Answer ask(String id, FollowerProblem p, long updates, PpoCheckpoint state)
      throws Exception {
    return learners.ref(id).<ResidentLearner.Answer>ask(replyTo -> new ResidentLearner.Train("three-bus",
        FollowerTrainingTest.OVERRIDES, FollowerTrainingTest.SEED, 3, p, updates, state, replyTo), WAIT)
        .toCompletableFuture().get();
  }

  private static void placeHere(String id) throws Exception {
    Address self = Cluster.get(kit.system()).selfMember().address();
    learners.place(Map.of(id, self)).toCompletableFuture().get();
  }

  @Test
  void keepsItsNetworksAndTrainsAsOneLearnerInPlace() throws Exception {
    List<FollowerProblem> problems = List.of(problem(1), problem(2), problem(3));
    PpoCheckpoint inPlace;
    try (PpoLearner l = LearnerFactory.follower(FollowerTrainingTest.GAME, FollowerTrainingTest.SEED, 1,
        problems.get(0))) {
      for (FollowerProblem p : problems) {
        l.setEnv(new FollowerEnv(p, FollowerEnv.copiesFor(l.config().rolloutSteps())));
        l.learn(FollowerTrainingTest.GAME.budgetSteps());
      }
      inPlace = l.exportCheckpoint();
    }
    String id = "test/seed-7/follower-1";
    placeHere(id);
    PpoCheckpoint last = null;
    for (FollowerProblem p : problems) {
      // Only the updates travel: the learner keeps its own state between requests.
      ResidentLearner.Answer a = ask(id, p, last == null ? 0 : last.params().updates(), null);
      last = ((Trained) assertInstanceOf(ResidentLearner.Answered.class, a).reply()).state();
    }
    assertEquals(inPlace, last, "parameters, Adam moments, RNG state and step counts");
  }

  @Test
  void aLearnerThatHoldsOtherUpdatesAsksForTheStateOnceAndThenContinuesFromIt() throws Exception {
    PpoCheckpoint first = FollowerTrainingTest.train(new ScenarioCache(), problem(1), null, "elsewhere");
    PpoCheckpoint expected = FollowerTrainingTest.train(new ScenarioCache(), problem(2), first, "elsewhere");
    // A learner that starts here (its old member left): it has trained nothing, the run's state one call.
    String id = "test/seed-7/moved-follower";
    placeHere(id);
    int before = trainings.get();
    ResidentLearner.Answer need = ask(id, problem(2), first.params().updates(), null);
    ResidentLearner.NeedState n = assertInstanceOf(ResidentLearner.NeedState.class, need);
    assertEquals(0, n.updatesHere());
    assertEquals(before, trainings.get(), "nothing trained before the state came");
    ResidentLearner.Answer done = ask(id, problem(2), first.params().updates(), first);
    assertEquals(expected, ((Trained) assertInstanceOf(ResidentLearner.Answered.class, done).reply()).state(),
        "continued from the run's state as the old member would have");
  }

  @Test
  void aScenarioItCannotLoadIsRefusedNamingIt() throws Exception {
    String id = "test/seed-7/refused";
    placeHere(id);
    ResidentLearner.Answer a = learners.ref(id).<ResidentLearner.Answer>ask(replyTo -> new ResidentLearner.Train(
        "no-such-scenario", List.of(), 7, 0, problem(1), 0, null, replyTo), WAIT).toCompletableFuture().get();
    ResidentLearner.Refused r = assertInstanceOf(ResidentLearner.Refused.class, a);
    assertTrue(r.error().contains("no-such-scenario") && r.error().contains(id), r.error());
  }
}
