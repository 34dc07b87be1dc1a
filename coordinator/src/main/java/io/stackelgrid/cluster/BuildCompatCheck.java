package io.stackelgrid.cluster;

import akka.cluster.ConfigValidation;
import akka.cluster.Invalid;
import akka.cluster.JoinConfigCompatChecker;
import akka.cluster.Valid;
import com.typesafe.config.Config;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Akka's join configuration check for stackelgrid's build: every member's config carries its build's
 * version, git commit and wire schema version ({@link ClusterConfig} puts them there), and a member
 * whose values differ from the cluster's is refused at join (enforce-on-join is Akka's default).
 *
 * <p>Akka runs a checker twice per join: on the member that lets the joining one in (the joining
 * member's values against its own) and then on the joining member (the cluster's values, sent back,
 * against its own). A refusal on the letting-in side reaches the joining member without its reason,
 * so only a joining member that lacks the keys (a build without this check) is refused there; a
 * difference is refused by the joining member itself, which knows both values and records them for
 * {@link MemberStart#awaitUp} to print in one line.
 */
public final class BuildCompatCheck extends JoinConfigCompatChecker {
  /** The section of the keys below. */
  public static final String KEY_PREFIX = "stackelgrid.build.";
  /** The project version of the member's build. */
  public static final String VERSION_KEY = KEY_PREFIX + "version";
  /** The git commit of the member's build ({@code git describe --always --dirty}). */
  public static final String COMMIT_KEY = KEY_PREFIX + "commit";
  /** The wire schema version the member's serializer writes and reads. */
  public static final String WIRE_SCHEMA_KEY = KEY_PREFIX + "wire-schema";
  /** The keys compared, in the order a difference is named. */
  static final List<String> KEYS = List.of(VERSION_KEY, COMMIT_KEY, WIRE_SCHEMA_KEY);

  private static final Logger LOG = LoggerFactory.getLogger(BuildCompatCheck.class);

  /**
   * The refusals found by joining members of this JVM, by their ActorSystem's config object (the
   * one Akka passes as the joining member's own config), until {@link #refusal} takes them.
   */
  private static final Map<Config, String> REFUSALS = Collections.synchronizedMap(new IdentityHashMap<>());

  /** Akka creates its checkers by their no-argument constructor. */
  public BuildCompatCheck() {}

  @Override
  public Seq<String> requiredKeys() {
    return CollectionConverters.asScala(KEYS).toList();
  }

  @Override
  public ConfigValidation check(Config toCheck, Config actualConfig) {
    if (joiningSide()) {
      String difference = difference(toCheck, actualConfig, "in the cluster");
      if (difference == null) {
        return Valid.getInstance();
      }
      REFUSALS.put(actualConfig, difference);
      return invalid(difference);
    }
    for (String key : KEYS) {
      if (!toCheck.hasPath(key)) {
        return invalid(key + " is missing: the joining member is of a build without stackelgrid's build check");
      }
    }
    String difference = difference(toCheck, actualConfig, "on the joining member");
    if (difference != null) {
      // The joining member refuses itself and says why; the cluster's log says it once too.
      LOG.warn("a member of another build asked to join; it refuses itself: {}", difference);
    }
    return Valid.getInstance();
  }

  /**
   * The first of {@link #KEYS} whose value differs, as "KEY is OWN here, OTHER'S {@code where}", or
   * null when all are equal; a key a side lacks is named as missing there.
   *
   * @param other the other side's values
   * @param own this member's values
   * @param where where the other side's values are ("in the cluster")
   */
  static String difference(Config other, Config own, String where) {
    for (String key : KEYS) {
      String here = own.hasPath(key) ? own.getString(key) : "missing";
      String there = other.hasPath(key) ? other.getString(key) : "missing";
      if (!here.equals(there)) {
        return key + " is " + here + " here, " + there + " " + where;
      }
    }
    return null;
  }

  /** The difference the joining member whose ActorSystem has {@code config} was refused for, once; else null. */
  static String refusal(Config config) {
    return REFUSALS.remove(config);
  }

  /**
   * True when Akka runs this check on the joining member (from its seed node process, with the
   * cluster's values), false on the member letting it in. Akka's API does not say which, so the
   * caller is read off the stack (Akka 2.6: SeedNodeProcess vs ClusterCoreDaemon); {@code
   * BuildCompatCheckTest} fails should a new Akka move the call.
   */
  private static boolean joiningSide() {
    return StackWalker.getInstance().walk(frames -> frames.anyMatch(f ->
        f.getClassName().equals("akka.cluster.SeedNodeProcess")));
  }

  private static Invalid invalid(String message) {
    return new Invalid(CollectionConverters.asScala(List.of(message)).toList());
  }
}
