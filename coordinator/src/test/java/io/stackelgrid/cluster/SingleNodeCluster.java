package io.stackelgrid.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;

/** A one-member cluster on loopback (roles coordinator and worker), every message serialised. */
final class SingleNodeCluster {
  private SingleNodeCluster() {}

  static ActorTestKit start() {
    ActorTestKit kit = ActorTestKit.create(ClusterConfig.SYSTEM_NAME, ClusterConfig.loopback(0,
        List.of(ClusterConfig.ROLE_COORDINATOR, ClusterConfig.ROLE_WORKER),
        ConfigFactory.parseString("akka.actor.serialize-messages = on\nakka.loglevel = WARNING")));
    Cluster cluster = Cluster.get(kit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    TestProbe<Object> waiting = kit.createTestProbe();
    waiting.awaitAssert(Duration.ofSeconds(60), Duration.ofMillis(50), () -> {
      assertEquals(MemberStatus.up(), cluster.selfMember().status());
      return null;
    });
    return kit;
  }
}
