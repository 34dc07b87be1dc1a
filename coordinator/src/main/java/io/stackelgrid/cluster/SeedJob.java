package io.stackelgrid.cluster;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.seed.SeedDriver;
import io.stackelgrid.seed.SeedSpec;
import java.util.function.Consumer;

/**
 * One sweep job, in this JVM or on a worker: the seed played by the {@link SeedDriver}, as
 * {@code run} plays it, in a local (non-cluster) ActorSystem of its own, so no learner message
 * leaves the JVM and its files are byte-identical to a single-JVM run. A job continues from its
 * seed's checkpoint when there is one (a seed re-queued after its worker was lost).
 */
public final class SeedJob {
  private SeedJob() {}

  /**
   * Starts the job's seed: its scenario loaded (an unreadable one is thrown, naming it), its actor
   * system up (terminated when the seed is over), its checkpoint read.
   */
  public static SeedDriver.Playing open(SweepJob job, Config memberConfig, Consumer<String> learnerFailed) {
    Scenario scenario = ScenarioLoader.load(job.scenario(), ScenarioLoader.parseOverrides(job.overrides()));
    SeedSpec spec = new SeedSpec(scenario, job.seed(), job.days(), job.households(),
        job.outDir().resolve("seed-" + job.seed()), true);
    Config local = ConfigFactory.parseString("akka.actor.provider = local\nakka.loglevel = WARNING")
        .withFallback(memberConfig);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "stackelgrid-seed-" + job.seed(), local);
    try {
      return SeedDriver.open(system, "seed-" + job.seed() + "-", spec, null, learnerFailed, system::terminate);
    } catch (RuntimeException | Error e) {
      system.terminate();
      throw e;
    }
  }
}
