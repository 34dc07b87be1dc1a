package io.stackelgrid.cluster;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.results.RunSummary;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import io.stackelgrid.seed.SeedDriver;
import io.stackelgrid.seed.SeedSpec;
import java.util.function.BooleanSupplier;

/**
 * One sweep job, in this JVM or on a worker: the seed played by the {@link SeedDriver}, as
 * {@code run} plays it, in a local (non-cluster) ActorSystem of its own, so no learner message
 * leaves the JVM and its files are byte-identical to a single-JVM run. A job continues from its
 * seed's checkpoint when there is one (a seed re-queued after its worker was lost).
 */
public final class SeedJob {
  private SeedJob() {}

  /**
   * Plays the job; a failure becomes a failed result naming the seed, with the seed's files so far
   * written. A job cancelled because its worker shuts down throws {@link SeedDriver.Cancelled}.
   */
  public static SeedResult run(SweepJob job, Config memberConfig, BooleanSupplier cancelled,
      SeedDriver.Listener listener) {
    long t0 = System.nanoTime();
    Scenario scenario;
    try {
      scenario = ScenarioLoader.load(job.scenario(), ScenarioLoader.parseOverrides(job.overrides()));
    } catch (StackelgridException e) {
      return SeedResult.failed(job, e.getMessage());
    }
    SeedSpec spec = new SeedSpec(scenario, job.seed(), job.days(), job.households(),
        job.outDir().resolve("seed-" + job.seed()), true);
    Config local = ConfigFactory.parseString("akka.actor.provider = local\nakka.loglevel = WARNING")
        .withFallback(memberConfig);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "stackelgrid-seed-" + job.seed(), local);
    try {
      RunSummary.Seed s = SeedDriver.play(system, "seed-" + job.seed() + "-", spec, null, listener, cancelled);
      return SeedResult.done(job, s, (System.nanoTime() - t0) / 1e9);
    } catch (SeedDriver.Cancelled e) {
      throw e;
    } catch (RuntimeException e) {
      return SeedResult.failed(job, e instanceof StackelgridException ? e.getMessage() : e.toString());
    } finally {
      system.terminate();
    }
  }
}
