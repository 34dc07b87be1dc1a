package io.stackelgrid.actors;

import akka.dispatch.DispatcherPrerequisites;
import akka.dispatch.ExecutorServiceConfigurator;
import akka.dispatch.ExecutorServiceFactory;
import com.typesafe.config.Config;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The executor of the world's step actors: one thread that, once its queue runs dry, watches it
 * for {@code spin-micros} before it parks. A step hands its chain of messages back and forth
 * between the coordinator's thread and this one; waking a parked thread costs about as much as
 * the step's domain code (StepFlowBenchmark), while the next step usually comes within
 * microseconds. Between steps that learn (tens of milliseconds) the thread spins once, then parks.
 * Configured as {@code executor = "io.stackelgrid.actors.SpinThenParkExecutor"}.
 */
public final class SpinThenParkExecutor extends ExecutorServiceConfigurator {
  private final long spinNanos;

  public SpinThenParkExecutor(Config config, DispatcherPrerequisites prerequisites) {
    super(config, prerequisites);
    String key = "spin-then-park.spin-micros";
    this.spinNanos = TimeUnit.MICROSECONDS.toNanos(config.hasPath(key) ? config.getLong(key) : 100);
  }

  @Override
  public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
    return () -> new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new SpinningQueue(spinNanos),
        threadFactory);
  }

  /** A queue whose taker polls for a while before it blocks. */
  private static final class SpinningQueue extends LinkedBlockingQueue<Runnable> {
    private static final long serialVersionUID = 1L;
    private final long spinNanos;

    SpinningQueue(long spinNanos) {
      this.spinNanos = spinNanos;
    }

    @Override
    public Runnable take() throws InterruptedException {
      Runnable r = poll();
      if (r != null) {
        return r;
      }
      long until = System.nanoTime() + spinNanos;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
        r = poll();
        if (r != null) {
          return r;
        }
      }
      return super.take();
    }
  }
}
