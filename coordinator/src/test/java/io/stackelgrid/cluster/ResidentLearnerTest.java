package io.stackelgrid.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.Address;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.cluster.typed.Cluster;
import io.stackelgrid.game.FollowerEnv;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.learner.LearnerActor.Trained;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioDigest;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resident learner on a one-member cluster (sharded, placed on this member, every message
 * serialised): it keeps its networks between requests, asks for the run's state when it holds other
 * updates, refuses a scenario of another digest, and its trainings equal one learner trained in place.
 */
class ResidentLearnerTest {
  static final Duration WAIT = Duration.ofSeconds(120);
  static final AtomicInteger trainings = new AtomicInteger();
  static final java.util.concurrent.atomic.AtomicLong REQUESTS = new java.util.concurrent.atomic.AtomicLong();
  static ActorTestKit kit;
  static ResidentLearners learners;
  static final ScenarioDigest DIGEST = ScenarioDigest.of(FollowerTrainingTest.SCENARIO);

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
    return ask(id, p, updates, state, REQUESTS.incrementAndGet());
  }

  private static ResidentLearner.Answer ask(String id, FollowerProblem p, long updates, PpoCheckpoint state,
      long requestId) throws Exception {
    return learners.ref(id).<ResidentLearner.Answer>ask(replyTo -> new ResidentLearner.Train("three-bus",
        FollowerTrainingTest.OVERRIDES, DIGEST.sha256(), FollowerTrainingTest.SEED, 3, p, updates, state, requestId,
        replyTo), WAIT).toCompletableFuture().get();
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
  void aRequestSentAgainIsAnsweredFromTheLastAnswerWithoutTrainingTwice() throws Exception {
    String id = "test/seed-7/sent-twice";
    placeHere(id);
    long request = REQUESTS.incrementAndGet();
    int before = trainings.get();
    ResidentLearner.Answer first = ask(id, problem(1), 0, null, request);
    // The asker lost the first answer with a member and sends the same request again.
    ResidentLearner.Answer again = ask(id, problem(1), 0, null, request);
    assertEquals(before + 1, trainings.get(), "trained once");
    assertEquals(((Trained) assertInstanceOf(ResidentLearner.Answered.class, first).reply()).state(),
        ((Trained) assertInstanceOf(ResidentLearner.Answered.class, again).reply()).state());
    // A new request trains again, from where the first left the learner.
    ResidentLearner.Answer next = ask(id, problem(2), ((Trained) ((ResidentLearner.Answered) first).reply()).state()
        .params().updates(), null);
    assertInstanceOf(Trained.class, assertInstanceOf(ResidentLearner.Answered.class, next).reply());
    assertEquals(before + 2, trainings.get());
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
        "no-such-scenario", List.of(), DIGEST.sha256(), 7, 0, problem(1), 0, null, REQUESTS.incrementAndGet(),
        replyTo), WAIT)
        .toCompletableFuture().get();
    ResidentLearner.Refused r = assertInstanceOf(ResidentLearner.Refused.class, a);
    assertTrue(r.error().contains("no-such-scenario") && r.error().contains(id), r.error());
    assertTrue(r.scenarioValues().isEmpty(), "no scenario to compare");
  }

  @Test
  void aScenarioOfAnotherDigestIsRefusedWithTheMembersValuesAndNothingTrained() throws Exception {
    String id = "test/seed-7/other-digest";
    placeHere(id);
    int before = trainings.get();
    ResidentLearner.Answer a = learners.ref(id).<ResidentLearner.Answer>ask(replyTo -> new ResidentLearner.Train(
        "three-bus", FollowerTrainingTest.OVERRIDES, "0".repeat(64), FollowerTrainingTest.SEED, 3, problem(1), 0,
        null, REQUESTS.incrementAndGet(), replyTo), WAIT).toCompletableFuture().get();
    ResidentLearner.Refused r = assertInstanceOf(ResidentLearner.Refused.class, a);
    assertEquals(DIGEST.values(), r.scenarioValues(), "the scenario this member loads, flattened");
    assertTrue(r.error().contains(id) && r.error().contains("digest"), r.error());
    assertEquals(before, trainings.get(), "nothing trained on another scenario");
  }

  @Test
  void aMemberThatReadTheScenarioFileBeforeItChangedReadsItAgain(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("edited.conf");
    List<String> overrides = FollowerTrainingTest.OVERRIDES;
    Files.writeString(file, "include classpath(\"scenarios/three-bus.conf\")\ndispatch.voll-usd-per-mwh = 10000\n");
    // An earlier run: this member reads the file (and refuses: the digest asked for is no scenario's).
    String first = "test/seed-7/edited-before";
    placeHere(first);
    assertInstanceOf(ResidentLearner.Refused.class, learners.ref(first).<ResidentLearner.Answer>ask(replyTo ->
        new ResidentLearner.Train(file.toString(), overrides, "0".repeat(64), FollowerTrainingTest.SEED, 0,
            problem(1), 0, null, REQUESTS.incrementAndGet(), replyTo), WAIT).toCompletableFuture().get());
    // The file is edited; the next run loads it and asks with its digest: this member reads it again.
    Files.writeString(file, "include classpath(\"scenarios/three-bus.conf\")\ndispatch.voll-usd-per-mwh = 20000\n");
    String edited = ScenarioDigest.of(ScenarioLoader.load(file.toString(), ScenarioLoader.parseOverrides(overrides)))
        .sha256();
    String second = "test/seed-7/edited-after";
    placeHere(second);
    ResidentLearner.Answer a = learners.ref(second).<ResidentLearner.Answer>ask(replyTo -> new ResidentLearner.Train(
        file.toString(), overrides, edited, FollowerTrainingTest.SEED, 0, problem(1), 0, null,
        REQUESTS.incrementAndGet(), replyTo), WAIT)
        .toCompletableFuture().get();
    assertInstanceOf(Trained.class, assertInstanceOf(ResidentLearner.Answered.class, a).reply());
  }

  /**
   * run --cluster end to end on this member: the run loads a scenario file, the file is rewritten
   * before the worker loads it, and the run fails with one line naming the first key that differs.
   */
  @Test
  void aWorkerThatLoadsTheScenarioDifferentlyFailsTheRunNamingTheKeyAndBothValues(@TempDir Path tmp)
      throws Exception {
    Path file = tmp.resolve("territory-like.conf");
    Files.writeString(file, "include classpath(\"scenarios/three-bus.conf\")\n"
        + "tariff.revenue-requirement-usd-per-day = 1e6\n");
    List<String> overrides = FollowerTrainingTest.OVERRIDES;
    Scenario here = ScenarioLoader.load(file.toString(), ScenarioLoader.parseOverrides(overrides));
    Files.writeString(file, "include classpath(\"scenarios/three-bus.conf\")\n"
        + "tariff.revenue-requirement-usd-per-day = 2e6\n");
    ActorRef<LearnerPlacer.Command> placer = kit.spawn(LearnerPlacer.create(learners, WAIT, 3));
    String id = "test/seed-7/" + LearnerFactory.followerName(1);
    TestProbe<LearnerPlacer.Ready> ready = kit.createTestProbe();
    placer.tell(new LearnerPlacer.Register(List.of(new LearnerPlacement.Learner(id, 1)), ready.getRef()));
    ready.expectMessageClass(LearnerPlacer.Ready.class, WAIT);
    TestProbe<LearnerPlacer.Result> result = kit.createTestProbe();
    placer.tell(new LearnerPlacer.Train(id, file.toString(), overrides, ScenarioDigest.of(here), 7, 0, problem(1),
        null, true, result.getRef()));
    LearnerPlacer.Failed f = assertInstanceOf(LearnerPlacer.Failed.class, result.receiveMessage(WAIT));
    String self = Cluster.get(kit.system()).selfMember().address().toString();
    assertEquals("worker " + self + " loads scenario three-bus differently: tariff.revenue-requirement-usd-per-day "
        + "is 2000000 there, 1000000 here (learner " + id + ", seed 7, period 0)", f.error());
  }
}
