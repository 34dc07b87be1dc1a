package io.stackelgrid.cluster;

import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Adapter;
import akka.cluster.Cluster;
import com.typesafe.config.Config;
import io.stackelgrid.common.StackelgridException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starting a cluster member so that it fails fast and says why in one line: a host or port it cannot
 * bind (busy, or not this machine's), seed nodes it cannot join within {@code join-timeout}; and a
 * clean shutdown prints no warnings about the connections that close as members leave.
 */
public final class MemberStart {
  private MemberStart() {}

  /**
   * Akka's loggers that warn about connections: while joining they repeat what the one-line join
   * error says, and while leaving they report connections closing as expected.
   */
  private static final String[] CONNECTION_LOGGERS = {"akka.cluster.Cluster", "akka.stream.Materializer",
      "akka.remote"};

  static {
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
      logback.addTurboFilter(new BuildRefusalLog());
    }
  }

  /** Starts the member's actor system; {@code source} (the node file) names the culprit in errors. */
  public static <T> ActorSystem<T> create(Behavior<T> guardian, Config config, String source) {
    requireBindable(config, source);
    quiet(true);
    ActorSystem<T> system;
    try {
      system = ActorSystem.create(guardian, ClusterConfig.SYSTEM_NAME, config);
    } catch (RuntimeException e) {
      // Bound by another process between the check and Akka's bind, or refused by the system.
      throw new StackelgridException(source + ": stackelgrid.node.host/port " + address(config)
          + ": this member cannot start there: " + rootMessage(e), e);
    }
    quietShutdown(system);
    return system;
  }

  /**
   * Waits until this member is Up. Throws when it could not join: refused by the cluster (its build
   * differs: the key and both values), or not in within {@code stackelgrid.node.join-timeout} (the
   * seed nodes and the key). Akka shuts a member down in either case.
   */
  public static void awaitUp(ActorSystem<?> system, Config config, String source) {
    CompletableFuture<Boolean> up = new CompletableFuture<>();
    Cluster cluster = Cluster.get(Adapter.toClassic(system));
    cluster.registerOnMemberUp(() -> up.complete(true));
    system.getWhenTerminated().thenRun(() -> up.complete(false));
    Duration timeout = config.getDuration("stackelgrid.node.join-timeout");
    boolean joined;
    try {
      // Akka gives up after the timeout and terminates; the margin covers its shutdown.
      joined = up.get(timeout.toMillis() + 30_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      system.terminate();
      throw new io.stackelgrid.common.RunInterruptedException("interrupted while joining the cluster", e);
    } catch (ExecutionException | TimeoutException e) {
      joined = false;
    }
    if (joined) {
      quiet(false);
      return;
    }
    system.terminate();
    String refusal = BuildCompatCheck.refusal(system.settings().config());
    if (refusal != null) {
      throw new StackelgridException(source + ": member " + hostPort(system) + " refused by the cluster: " + refusal);
    }
    if (CoordinatedShutdown.get(Adapter.toClassic(system)).getShutdownReason()
        .filter(CoordinatedShutdown.incompatibleConfigurationDetectedReason()::equals).isPresent()) {
      throw new StackelgridException(source + ": member " + hostPort(system) + " refused by the cluster: its "
          + "configuration differs from the cluster's in keys Akka checks at join "
          + "(akka.cluster.configuration-compatibility-check); the log of the member it tried names them");
    }
    throw new StackelgridException(source + ": could not join the cluster through its seed nodes "
        + config.getStringList("stackelgrid.node.seed-nodes") + " within " + timeout.toSeconds()
        + " s (stackelgrid.node.join-timeout): are they running, reachable from here, and of the same "
        + "certificate authority?");
  }

  /**
   * From the start of a coordinated shutdown (this member leaving), the warnings Akka logs as the
   * connections to other members close are not printed: they are expected, not problems.
   */
  static void quietShutdown(ActorSystem<?> system) {
    CoordinatedShutdown.get(Adapter.toClassic(system)).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(),
        "stackelgrid-quiet-connections", () -> {
          quiet(true);
          return CompletableFuture.completedFuture(akka.Done.getInstance());
        });
  }

  /** Raises Akka's connection loggers to ERROR, or gives them back their configured level. */
  private static void quiet(boolean on) {
    for (String name : CONNECTION_LOGGERS) {
      if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logback) {
        logback.setLevel(on ? ch.qos.logback.classic.Level.ERROR : null);
      }
    }
  }

  /**
   * Drops Akka's error log of a join that {@link BuildCompatCheck} refused: {@link #awaitUp} says it
   * in one line, and Akka's advice there (turn the check off) is not stackelgrid's.
   */
  private static final class BuildRefusalLog extends ch.qos.logback.classic.turbo.TurboFilter {
    @Override
    public ch.qos.logback.core.spi.FilterReply decide(org.slf4j.Marker marker, ch.qos.logback.classic.Logger logger,
        ch.qos.logback.classic.Level level, String format, Object[] params, Throwable t) {
      return level == ch.qos.logback.classic.Level.ERROR && "akka.cluster.Cluster".equals(logger.getName())
          && format != null && format.contains(BuildCompatCheck.KEY_PREFIX)
          ? ch.qos.logback.core.spi.FilterReply.DENY : ch.qos.logback.core.spi.FilterReply.NEUTRAL;
    }
  }

  /** Binds host:port once (port 0: nothing to check) and names what is wrong if that fails. */
  static void requireBindable(Config config, String source) {
    String host = config.getString("akka.remote.artery.canonical.hostname");
    int port = config.getInt("akka.remote.artery.canonical.port");
    String bindHost = config.hasPath("akka.remote.artery.bind.hostname")
        && !config.getString("akka.remote.artery.bind.hostname").isEmpty()
        ? config.getString("akka.remote.artery.bind.hostname") : host;
    if (config.hasPath("akka.remote.artery.bind.port") && !config.getString("akka.remote.artery.bind.port").isEmpty()) {
      port = config.getInt("akka.remote.artery.bind.port");
    }
    if (port == 0) {
      return;
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bindHost);
    } catch (UnknownHostException e) {
      throw new StackelgridException(source + ": stackelgrid.node.host '" + bindHost + "' is not a known host name");
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(address, port));
    } catch (IOException e) {
      String why = e.getMessage() != null && e.getMessage().contains("in use")
          ? "is in use (another member or program listens there)"
          : e.getMessage() != null && e.getMessage().contains("assign")
              ? "is not an address of this machine" : "cannot be bound: " + e.getMessage();
      throw new StackelgridException(source + ": stackelgrid.node.host/port " + bindHost + ":" + port + " " + why);
    }
  }

  /** host:port this member listens on (its actual port when the config asked for any free one). */
  private static String hostPort(ActorSystem<?> system) {
    akka.actor.Address a = system.address();
    return a.getHost().orElse("?") + ":" + a.getPort().map(String::valueOf).orElse("?");
  }

  private static String address(Config config) {
    return config.getString("akka.remote.artery.canonical.hostname") + ":"
        + config.getInt("akka.remote.artery.canonical.port");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
