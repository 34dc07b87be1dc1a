package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.Address;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

/** A test cluster of ActorSystems in this JVM: all join through the first, then each sees all Up. */
final class LoopbackCluster {
  private LoopbackCluster() {}

  static void form(List<ActorTestKit> members, Duration within) {
    Address first = Cluster.get(members.get(0).system()).selfMember().address();
    for (ActorTestKit k : members) {
      Cluster.get(k.system()).manager().tell(Join.create(first));
    }
    members.get(0).createTestProbe().awaitAssert(within, Duration.ofMillis(50), () -> {
      for (ActorTestKit k : members) {
        long up = StreamSupport.stream(Cluster.get(k.system()).state().getMembers().spliterator(), false)
            .filter(m -> m.status() == MemberStatus.up()).count();
        assertEquals(members.size(), up, "members Up seen by " + k.system().address());
      }
      return null;
    });
  }
}
