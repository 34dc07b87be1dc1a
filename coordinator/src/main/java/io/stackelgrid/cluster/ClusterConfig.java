package io.stackelgrid.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.results.BuildInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The Akka config of a cluster member: a node file (HOCON) over the cluster defaults. */
public final class ClusterConfig {
  /** Every member's ActorSystem name: members of differently named systems cannot join. */
  public static final String SYSTEM_NAME = "stackelgrid";
  /** Role of members that run seeds. */
  public static final String ROLE_WORKER = "worker";
  /** Role of the member that runs a sweep's coordinator. */
  public static final String ROLE_COORDINATOR = "coordinator";

  private ClusterConfig() {}

  /** Reads a node file; a missing or malformed file is named in the error. */
  public static Config fromFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new StackelgridException("node config " + file + ": no such file");
    }
    Config user;
    try {
      user = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new StackelgridException(file + ": " + e.getMessage(), e);
    }
    NodeFile.check(user, file);
    NodeFile.checkSettings(user.withFallback(defaults()).getConfig("stackelgrid.node"), user, file);
    return resolve(user);
  }

  /** A loopback member on {@code port} (0 = any free port) with these roles and no seed nodes (tests). */
  public static Config loopback(int port, List<String> roles, Config extra) {
    return resolve(extra.withFallback(ConfigFactory.parseMap(Map.of(
        "stackelgrid.node.port", port, "stackelgrid.node.roles", roles))));
  }

  /** The defaults of every member (stackelgrid-cluster.conf). */
  static Config defaults() {
    return ConfigFactory.parseResources(ClusterConfig.class.getClassLoader(), "stackelgrid-cluster.conf");
  }

  /**
   * Turns stackelgrid.node.{host,port,roles,seed-nodes} into Akka keys and adds this build's
   * stackelgrid.build.* keys; the user's own keys win.
   */
  public static Config resolve(Config user) {
    Config defaults = defaults();
    Config node;
    try {
      node = user.withFallback(defaults).getConfig("stackelgrid.node");
      java.util.Map<String, Object> keys = new java.util.HashMap<>(Map.of(
          "akka.remote.artery.canonical.hostname", node.getString("host"),
          "akka.remote.artery.canonical.port", node.getInt("port"),
          "akka.cluster.roles", node.getStringList("roles"),
          "akka.cluster.seed-nodes", node.getStringList("seed-nodes").stream().map(ClusterConfig::seedAddress)
              .toList(),
          // Akka shuts the member down when joining through the seed nodes takes longer.
          "akka.cluster.shutdown-after-unsuccessful-join-seed-nodes", node.getString("join-timeout"),
          // What BuildCompatCheck compares at join: a member of another build is refused.
          BuildCompatCheck.VERSION_KEY, BuildInfo.version(),
          BuildCompatCheck.COMMIT_KEY, BuildInfo.commit(),
          BuildCompatCheck.WIRE_SCHEMA_KEY, String.valueOf(SchemaVersions.CURRENT)));
      // Resident learners train on the learner dispatcher: learner-threads at once (0: one per core).
      int threads = node.getInt("learner-threads");
      if (threads > 0) {
        for (String k : List.of("core-pool-size-min", "core-pool-size-max", "max-pool-size-min", "max-pool-size-max")) {
          keys.put("stackelgrid.learner-dispatcher.thread-pool-executor." + k, threads);
        }
      }
      Config generated = ConfigFactory.parseMap(keys);
      return user.withFallback(generated).withFallback(defaults).withFallback(ConfigFactory.load()).resolve();
    } catch (ConfigException e) {
      throw new StackelgridException("cluster config: " + e.getMessage(), e);
    }
  }

  /** host:port, or a full akka:// address as is. */
  static String seedAddress(String hostPort) {
    if (hostPort.startsWith("akka://")) {
      return hostPort;
    }
    if (!hostPort.matches("[^:/@]+:\\d{1,5}") || Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1))
        > 65535) {
      throw new StackelgridException("stackelgrid.node.seed-nodes: expected host:port with a port 0 to 65535, got \""
          + hostPort + "\"");
    }
    return "akka://" + SYSTEM_NAME + "@" + hostPort;
  }
}
