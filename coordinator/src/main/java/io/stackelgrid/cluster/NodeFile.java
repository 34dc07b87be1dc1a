package io.stackelgrid.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueType;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.scenario.KnownKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The checks of a node file before a member starts: its keys are known (stackelgrid.* those of the
 * shipped defaults, akka.* those of Akka's reference configuration), it has a stackelgrid.node
 * section with known roles, at least one seed node, a port in range, a positive join timeout and
 * learner attempt timeout, and at least one learner attempt.
 * Each failure is one line naming file, line and key.
 */
final class NodeFile {
  /** The roles a member may have. */
  static final List<String> ROLES = List.of(ClusterConfig.ROLE_WORKER, ClusterConfig.ROLE_COORDINATOR);

  /**
   * Akka sections whose keys are names the user chooses (serializers, bindings, deployments,
   * per-role settings), so the reference configuration cannot list them.
   */
  private static final Set<String> AKKA_FREE_FORM = Set.of("akka.actor.serializers",
      "akka.actor.serialization-bindings", "akka.actor.serialization-identifiers", "akka.actor.deployment",
      "akka.cluster.role", "akka.cluster.sharding.role");

  /** stackelgrid.* keys: the node defaults and the modules' reference settings (world dispatcher). */
  private static final KnownKeys STACKELGRID = KnownKeys.of(List.of(ConfigFactory.parseResources(
      NodeFile.class.getClassLoader(), "stackelgrid-cluster.conf").resolve().withOnlyPath("stackelgrid").root(),
      ConfigFactory.defaultReference().withOnlyPath("stackelgrid").root()), List.of());

  private NodeFile() {}

  /** Checks the user's node file {@code user} (as parsed, before the defaults are added). */
  static void check(Config user, Path file) {
    Config resolved;
    try {
      resolved = user.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
    } catch (ConfigException e) {
      throw new StackelgridException(file + ": " + e.getMessage(), e);
    }
    ConfigObject root = resolved.root();
    for (String key : root.keySet()) {
      if (!key.equals("stackelgrid") && !key.equals("akka")) {
        String nearest = KnownKeys.editDistance(key, "stackelgrid") <= KnownKeys.editDistance(key, "akka")
            ? "stackelgrid" : "akka";
        throw new StackelgridException(where(root.get(key).origin(), file) + key
            + ": unknown key (a node file holds stackelgrid.node and akka keys; nearest valid key: " + nearest + ")");
      }
    }
    KnownKeys.Unknown unknown = STACKELGRID.firstUnknown(root, "", path -> path.equals("akka"));
    if (unknown == null && root.containsKey("akka")) {
      unknown = akkaKeys().firstUnknown(root, "", path -> path.equals("stackelgrid") || AKKA_FREE_FORM.contains(path));
    }
    if (unknown != null) {
      throw new StackelgridException(where(unknown.origin(), file) + unknown.path() + ": unknown key"
          + (unknown.nearest() == null ? "" : " (nearest valid key: " + unknown.nearest() + ")"));
    }
    if (!resolved.hasPath("stackelgrid.node") || resolved.getValue("stackelgrid.node").valueType()
        != ConfigValueType.OBJECT) {
      throw new StackelgridException(file + ": no stackelgrid.node section (host, port, roles, seed-nodes; "
          + "templates in deploy/conf/)");
    }
  }

  /** Checks the node settings once the defaults are in (roles, seeds, port, join timeout). */
  static void checkSettings(Config node, Config user, Path file) {
    try {
      checkValues(node, user, file);
    } catch (ConfigException e) {
      // A value of the wrong type (a list for a duration, a word for a port): Typesafe names file and line.
      throw new StackelgridException(e.getMessage().replace("\n", " "), e);
    }
  }

  private static void checkValues(Config node, Config user, Path file) {
    List<String> roles = node.getStringList("roles");
    if (roles.isEmpty()) {
      throw fail(user, file, "roles", "is empty: give worker, coordinator or both");
    }
    for (String role : roles) {
      if (!ROLES.contains(role)) {
        String nearest = ROLES.stream().min((a, b) -> Integer.compare(KnownKeys.editDistance(role, a),
            KnownKeys.editDistance(role, b))).orElseThrow();
        throw fail(user, file, "roles", "unknown role '" + role + "' (roles are " + String.join(" and ", ROLES)
            + "; nearest: " + nearest + ")");
      }
    }
    if (node.getStringList("seed-nodes").isEmpty()) {
      throw fail(user, file, "seed-nodes", "is empty: list the host:port of one or more members to join (the "
          + "first member lists itself)");
    }
    for (String seed : node.getStringList("seed-nodes")) {
      try {
        ClusterConfig.seedAddress(seed);
      } catch (StackelgridException e) {
        throw fail(user, file, "seed-nodes", e.getMessage().replace("stackelgrid.node.seed-nodes: ", ""));
      }
    }
    int port = node.getInt("port");
    if (port < 0 || port > 65535) {
      throw fail(user, file, "port", port + " is not a TCP port (0 to 65535; 0 = any free port)");
    }
    java.time.Duration joinTimeout = node.getDuration("join-timeout");
    if (joinTimeout.isZero() || joinTimeout.isNegative()) {
      throw fail(user, file, "join-timeout", "must be a positive duration, e.g. 60s");
    }
    java.time.Duration attemptTimeout = node.getDuration("learner-attempt-timeout");
    if (attemptTimeout.isZero() || attemptTimeout.isNegative()) {
      throw fail(user, file, "learner-attempt-timeout", "must be a positive duration, e.g. 30m");
    }
    int attempts = node.getInt("learner-attempts");
    if (attempts < 1) {
      throw fail(user, file, "learner-attempts", attempts + " is not a number of attempts (1 or more)");
    }
  }

  private static StackelgridException fail(Config user, Path file, String key, String problem) {
    String path = "stackelgrid.node." + key;
    var origin = user.hasPath(path) ? user.getValue(path).origin() : null;
    return new StackelgridException(where(origin, file) + path + ": " + problem);
  }

  private static String where(com.typesafe.config.ConfigOrigin origin, Path file) {
    String name = origin != null && origin.filename() != null ? origin.filename() : file.toString();
    int line = origin == null ? -1 : origin.lineNumber();
    return name + (line > 0 ? ":" + line : "") + ": ";
  }

  private static KnownKeys akkaKeys() {
    return AkkaKeys.KNOWN;
  }

  /** Akka's keys, read once and only when a node file sets some. */
  private static final class AkkaKeys {
    static final KnownKeys KNOWN = KnownKeys.of(List.of(ConfigFactory.defaultReference().withOnlyPath("akka")
        .root()), List.of());
  }
}
