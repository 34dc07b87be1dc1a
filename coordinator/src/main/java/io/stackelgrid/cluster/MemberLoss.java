package io.stackelgrid.cluster;

import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import java.util.List;

/** The cluster events that mean a member is lost or going: what re-queues its work elsewhere. */
final class MemberLoss {
  private static final List<Class<? extends ClusterEvent.ClusterDomainEvent>> EVENTS = List.of(
      ClusterEvent.UnreachableMember.class, ClusterEvent.MemberLeft.class, ClusterEvent.MemberExited.class,
      ClusterEvent.MemberRemoved.class);

  private MemberLoss() {}

  /** The member an event says is lost or going, or null for any other event. */
  static Address lostMember(ClusterEvent.ClusterDomainEvent e) {
    return e instanceof ClusterEvent.UnreachableMember u ? u.member().address()
        : e instanceof ClusterEvent.MemberLeft left ? left.member().address()
        : e instanceof ClusterEvent.MemberExited x ? x.member().address()
        : e instanceof ClusterEvent.MemberRemoved r ? r.member().address()
        : null;
  }

  /** Subscribes {@code events} (an actor's adapter) to every member-loss event of {@code system}'s cluster. */
  static void subscribe(ActorSystem<?> system, ActorRef<ClusterEvent.ClusterDomainEvent> events) {
    Cluster cluster = Cluster.get(system);
    for (Class<? extends ClusterEvent.ClusterDomainEvent> type : EVENTS) {
      subscribeTo(cluster, events, type);
    }
  }

  private static <E extends ClusterEvent.ClusterDomainEvent> void subscribeTo(Cluster cluster,
      ActorRef<ClusterEvent.ClusterDomainEvent> events, Class<E> type) {
    cluster.subscriptions().tell(Subscribe.create(events.narrow(), type));
  }
}
