package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import akka.actor.Address;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.stackelgrid.cluster.ClusterConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Artery over TLS with mutual authentication (deploy/conf/tls.conf's settings): members holding
 * certificates of the cluster's CA form a cluster; a node with a certificate of another CA does not
 * get in, although it asked first and keeps asking.
 */
class ClusterTlsTest {
  @Test
  void aNodeWithACertificateFromAnotherCaCannotJoin() throws Exception {
    List<ActorTestKit> started = new ArrayList<>();
    try {
      ActorTestKit a = member("cluster/a.p12", "cluster/truststore.p12", started);
      ActorTestKit intruder = member("foreign/intruder.p12", "foreign/truststore.p12", started);
      ActorTestKit c = member("cluster/c.p12", "cluster/truststore.p12", started);
      Address first = Cluster.get(a.system()).selfMember().address();
      Cluster.get(a.system()).manager().tell(Join.create(first));
      Cluster.get(intruder.system()).manager().tell(Join.create(first));
      Cluster.get(c.system()).manager().tell(Join.create(first));
      TestProbe<Object> probe = a.createTestProbe();
      // c joined after the intruder: once c is Up, the intruder's attempts have been refused.
      probe.awaitAssert(Duration.ofSeconds(60), Duration.ofMillis(50), () -> {
        assertEquals(2, up(a).size(), "a and c Up");
        assertEquals(2, up(c).size(), "c sees a and itself Up");
        return null;
      });
      Address intruderAt = Cluster.get(intruder.system()).selfMember().address();
      assertFalse(up(a).contains(intruderAt), "the intruder is not a member");
      assertFalse(up(intruder).contains(first), "the intruder never saw the cluster");
    } finally {
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).shutdownTestKit();
        } catch (RuntimeException e) {
          // Slow to stop: nothing to keep.
        }
      }
    }
  }

  private static List<Address> up(ActorTestKit k) {
    return StreamSupport.stream(Cluster.get(k.system()).state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up()).map(Member::address).toList();
  }

  private static ActorTestKit member(String keyStore, String trustStore, List<ActorTestKit> started)
      throws Exception {
    String ssl = "akka.remote.artery.ssl.config-ssl-engine.";
    Config tls = ConfigFactory.parseString("""
        akka.remote.artery.transport = tls-tcp
        akka.remote.artery.ssl.config-ssl-engine {
          key-store-password = changeit
          key-password = changeit
          trust-store-password = changeit
          protocol = "TLSv1.2"
          require-mutual-authentication = on
        }
        """)
        .withValue(ssl + "key-store", ConfigValueFactory.fromAnyRef(resource(keyStore)))
        .withValue(ssl + "trust-store", ConfigValueFactory.fromAnyRef(resource(trustStore)));
    ActorTestKit k = ActorTestKit.create(ClusterConfig.SYSTEM_NAME,
        ClusterConfig.loopback(0, List.of(ClusterConfig.ROLE_WORKER), tls));
    started.add(k);
    return k;
  }

  private static String resource(String name) throws Exception {
    return Path.of(ClusterTlsTest.class.getResource("/tls/" + name).toURI()).toString();
  }
}
