package io.stackelgrid.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.results.BuildInfo;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member whose build differs from the cluster's is refused at join and says which value differs in
 * one line; a member of the same build joins (two and three ActorSystems on loopback, one JVM).
 */
class BuildCompatCheckTest {
  static ActorTestKit first;
  static int port;

  @BeforeAll
  static void firstMember() {
    first = ActorTestKit.create(ClusterConfig.SYSTEM_NAME, ClusterConfig.loopback(0,
        List.of(ClusterConfig.ROLE_WORKER), ConfigFactory.empty()));
    Cluster cluster = Cluster.get(first.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    TestProbe<Object> waiting = first.createTestProbe();
    waiting.awaitAssert(Duration.ofSeconds(60), Duration.ofMillis(50), () -> {
      assertEquals(MemberStatus.up(), cluster.selfMember().status());
      return null;
    });
    port = cluster.selfMember().address().getPort().get();
  }

  @AfterAll
  static void stop() {
    first.shutdownTestKit();
  }

  /** A member joining the first through its seed nodes, with {@code extra} keys over the defaults. */
  private static Config joining(String extra) {
    return ClusterConfig.loopback(0, List.of(ClusterConfig.ROLE_WORKER), ConfigFactory.parseString(
        "stackelgrid.node.seed-nodes = [\"127.0.0.1:" + port + "\"]\nstackelgrid.node.join-timeout = 30s\n" + extra));
  }

  @Test
  void everyMembersConfigCarriesThisBuild() {
    Config c = ClusterConfig.loopback(0, List.of(ClusterConfig.ROLE_WORKER), ConfigFactory.empty());
    assertEquals(BuildInfo.version(), c.getString(BuildCompatCheck.VERSION_KEY));
    assertEquals(BuildInfo.commit(), c.getString(BuildCompatCheck.COMMIT_KEY));
    assertEquals(SchemaVersions.CURRENT, c.getInt(BuildCompatCheck.WIRE_SCHEMA_KEY));
    assertEquals(BuildCompatCheck.class.getName(),
        c.getString("akka.cluster.configuration-compatibility-check.checkers.stackelgrid-build"));
  }

  @Test
  void theFirstDifferingKeyIsNamedWithBothValues() {
    Config here = ConfigFactory.parseString("stackelgrid.build { version = 1, commit = abc123, wire-schema = 3 }");
    assertNull(BuildCompatCheck.difference(here, here, "in the cluster"));
    assertEquals("stackelgrid.build.commit is abc123 here, def456 in the cluster", BuildCompatCheck.difference(
        ConfigFactory.parseString("stackelgrid.build { version = 1, commit = def456, wire-schema = 4 }"), here,
        "in the cluster"));
    assertEquals("stackelgrid.build.wire-schema is 3 here, missing in the cluster", BuildCompatCheck.difference(
        ConfigFactory.parseString("stackelgrid.build { version = 1, commit = abc123 }"), here, "in the cluster"));
  }

  @Test
  void aMemberOfAnotherCommitIsRefusedNamingTheKeyAndBothValues() {
    Config other = joining("stackelgrid.build.commit = def456");
    ActorSystem<Void> member = MemberStart.create(Behaviors.empty(), other, "other.conf");
    long t0 = System.nanoTime();
    StackelgridException e = assertThrows(StackelgridException.class,
        () -> MemberStart.awaitUp(member, other, "other.conf"));
    String line = e.getMessage();
    assertEquals(1, line.lines().count(), line);
    String self = member.address().getHost().get() + ":" + member.address().getPort().get();
    assertEquals("other.conf: member " + self + " refused by the cluster: stackelgrid.build.commit is def456 here, "
        + BuildInfo.commit() + " in the cluster", line);
    // Refused at the handshake, not after the join timeout.
    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(25).toNanos(), "refused at once");
    member.getWhenTerminated().toCompletableFuture().join();
    assertTrue(StreamSupport.stream(Cluster.get(first.system()).state().getMembers().spliterator(), false)
        .noneMatch(m -> m.address().equals(member.address())), "the refused member never became a member");
  }

  @Test
  void aMemberOfAnotherWireSchemaIsRefusedToo() {
    Config other = joining("stackelgrid.build.wire-schema = " + (SchemaVersions.CURRENT + 1));
    ActorSystem<Void> member = MemberStart.create(Behaviors.empty(), other, "schema.conf");
    StackelgridException e = assertThrows(StackelgridException.class,
        () -> MemberStart.awaitUp(member, other, "schema.conf"));
    assertTrue(e.getMessage().endsWith("stackelgrid.build.wire-schema is " + (SchemaVersions.CURRENT + 1)
        + " here, " + SchemaVersions.CURRENT + " in the cluster"), e.getMessage());
  }

  @Test
  void aMemberOfTheSameBuildJoins() {
    Config same = joining("");
    ActorSystem<Void> member = MemberStart.create(Behaviors.empty(), same, "same.conf");
    try {
      MemberStart.awaitUp(member, same, "same.conf");
      TestProbe<Object> waiting = first.createTestProbe();
      waiting.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(50), () -> {
        assertTrue(StreamSupport.stream(Cluster.get(first.system()).state().getMembers().spliterator(), false)
            .anyMatch(m -> m.address().equals(member.address()) && m.status() == MemberStatus.up()));
        return null;
      });
    } finally {
      member.terminate();
      member.getWhenTerminated().toCompletableFuture().join();
    }
  }
}
