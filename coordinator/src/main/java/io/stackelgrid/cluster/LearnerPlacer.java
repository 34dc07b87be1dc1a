package io.stackelgrid.cluster;

import akka.actor.Address;
import akka.actor.AddressFromURIString;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.cluster.ClusterEvent;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.LearnerProblem;
import io.stackelgrid.learner.LearnerActor.Reply;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.scenario.ScenarioDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's side of its resident learners, in the run's member: it places them on the workers by
 * measured cost ({@link LearnerPlacement}: estimates at first, then each learner's last training
 * time, each worker's speed from its followers' times, since followers do equal work), and carries
 * every training request to its learner. A learner moves only when its worker leaves or becomes
 * unreachable, or when the measured costs would shorten the slowest worker's time by
 * {@link #MOVE_GAIN} or more; a request whose learner sat on a lost worker, or that got no answer
 * within the attempt timeout, is sent again with the learner's last good state. After as many
 * attempts without an answer as the run allows, the request fails naming the learner's aggregator,
 * the member(s) it was sent to, the seed, the period and the attempts. Local to its JVM.
 */
public final class LearnerPlacer extends AbstractBehavior<LearnerPlacer.Command> {
  /** A placed learner moves only if the slowest worker's time falls by this share. */
  static final double MOVE_GAIN = 0.10;

  /** What the placer receives: the run's requests and its own events (all local). */
  public sealed interface Command extends NoSerializationVerificationNeeded permits Register, Train, Replan, Forget,
      MembersChanged, Placed, AnswerFor, ResendHeldBy {}

  /** Place these learners (with estimated costs); answer once they have a place. */
  public record Register(List<LearnerPlacement.Learner> learners, ActorRef<Ready> replyTo) implements Command {}

  /** The learners of a {@link Register} have a place. */
  public record Ready(int workers) implements NoSerializationVerificationNeeded {}

  /**
   * One best response of learner {@code entityId} (see {@link ResidentLearner.Train}); answer
   * {@code replyTo} with its reply, or the reason it could not be had.
   *
   * @param scenarioDigest the run's resolved scenario: its digest travels, its values name the first
   *     key that differs should a worker load another
   * @param lastGoodOrNull the learner's state after its last good training, sent only if it needs it
   */
  public record Train(String entityId, String scenario, List<String> overrides, ScenarioDigest scenarioDigest,
      long seed, int period, LearnerProblem problem, PpoCheckpoint lastGoodOrNull, boolean follower,
      ActorRef<Result> replyTo) implements Command {}

  /** How a {@link Train} ended. */
  public sealed interface Result extends NoSerializationVerificationNeeded permits Done, Failed {}

  /** The learner's reply. */
  public record Done(Reply reply) implements Result {}

  /** The learner could not train ({@code error} names it, the seed and the period). */
  public record Failed(String error) implements Result {}

  /** A period ended: place again with what was measured. */
  public record Replan() implements Command {}

  /** These learners are released: forget them. */
  public record Forget(List<String> entityIds) implements Command {}

  private record MembersChanged(ClusterEvent.ClusterDomainEvent event) implements Command {}

  private record Placed(List<ActorRef<Ready>> waiting, Throwable failure) implements Command {}

  private record AnswerFor(long requestId, int attempt, ResidentLearner.Answer answer, Throwable failure)
      implements Command {}

  /** Re-send what the learners of a removed member held, now that sharding can start them elsewhere. */
  private record ResendHeldBy(String address, Set<String> learners, String why, boolean first)
      implements Command {}

  /**
   * How long after an unreachable member's removal its learners' requests are sent again: a request
   * sent while sharding still counts the dead member's region as its shards' home is lost, so the
   * re-send waits until this member's shard region has seen the removal too.
   */
  static final Duration AFTER_REMOVAL = Duration.ofSeconds(5);
  /** How often what a removed member's learners held is sent again until answered. */
  static final Duration RESEND_HELD_EVERY = Duration.ofSeconds(15);

  /** A request in flight and its current attempt. */
  private static final class Pending {
    final Train request;
    int attempt;
    boolean withState;
    /** Attempts that got no answer within the attempt timeout. */
    int unanswered;
    /** The members its attempts were sent to, in order. */
    final Set<String> members = new LinkedHashSet<>();

    Pending(Train request) {
      this.request = request;
    }
  }

  private final ResidentLearners learners;
  private final Duration attemptTimeout;
  private final int attempts;
  private final Map<String, Double> cost = new LinkedHashMap<>();
  private final Map<String, String> phase = new LinkedHashMap<>();
  private final Map<String, String> at = new LinkedHashMap<>();
  // Where each learner last answered from: until sharding has handed it to its new place, a moved
  // learner still lives (and receives) there.
  private final Map<String, String> lastHost = new LinkedHashMap<>();
  private final Map<String, List<Double>> followerSeconds = new LinkedHashMap<>();
  private final List<ActorRef<Ready>> waiting = new ArrayList<>();
  private final Map<Long, Pending> pending = new LinkedHashMap<>();
  private final Set<String> lost = new HashSet<>();
  /** Members found unreachable and not yet removed (or reachable again): the learners placed there. */
  private final Map<String, Set<String>> heldByUnreachable = new LinkedHashMap<>();
  private long nextId;
  private int resent;

  /**
   * @param attemptTimeout how long one attempt waits for its learner's answer
   *     (stackelgrid.node.learner-attempt-timeout)
   * @param attempts how many attempts without an answer a request is given before it fails
   *     (stackelgrid.node.learner-attempts, at least 1)
   */
  public static Behavior<Command> create(ResidentLearners learners, Duration attemptTimeout, int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("learner attempts must be 1 or more, got " + attempts);
    }
    return Behaviors.setup(ctx -> new LearnerPlacer(ctx, learners, attemptTimeout, attempts));
  }

  private LearnerPlacer(ActorContext<Command> ctx, ResidentLearners learners, Duration attemptTimeout,
      int attempts) {
    super(ctx);
    this.learners = learners;
    this.attemptTimeout = attemptTimeout;
    this.attempts = attempts;
    ActorRef<ClusterEvent.ClusterDomainEvent> events =
        ctx.messageAdapter(ClusterEvent.ClusterDomainEvent.class, MembersChanged::new);
    MemberLoss.subscribe(ctx.getSystem(), events);
    Cluster.get(ctx.getSystem()).subscriptions().tell(akka.cluster.typed.Subscribe.create(events.narrow(),
        ClusterEvent.MemberUp.class));
    Cluster.get(ctx.getSystem()).subscriptions().tell(akka.cluster.typed.Subscribe.create(events.narrow(),
        ClusterEvent.ReachableMember.class));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Register.class, this::onRegister)
        .onMessage(Train.class, this::onTrain)
        .onMessage(AnswerFor.class, this::onAnswer)
        .onMessage(Replan.class, r -> place())
        .onMessage(Forget.class, this::onForget)
        .onMessage(MembersChanged.class, this::onMembersChanged)
        .onMessage(Placed.class, this::onPlaced)
        .onMessage(ResendHeldBy.class, this::onResendHeldBy)
        .build();
  }

  private Behavior<Command> onRegister(Register r) {
    r.learners().forEach(l -> {
      cost.putIfAbsent(l.id(), l.costSeconds());
      phase.put(l.id(), l.phase());
    });
    waiting.add(r.replyTo());
    return place();
  }

  private Behavior<Command> onTrain(Train t) {
    Pending p = new Pending(t);
    long id = nextId++;
    pending.put(id, p);
    send(id, p);
    return this;
  }

  /** Asks the learner for attempt {@code p.attempt}; its answer comes back tagged with both. */
  private void send(long id, Pending p) {
    Train t = p.request;
    long updates = t.lastGoodOrNull() == null ? 0 : t.lastGoodOrNull().params().updates();
    int attempt = p.attempt;
    PpoCheckpoint state = p.withState ? t.lastGoodOrNull() : null;
    p.members.add(at.getOrDefault(t.entityId(), "a member sharding chose"));
    getContext().ask(ResidentLearner.Answer.class, learners.ref(t.entityId()), attemptTimeout,
        replyTo -> new ResidentLearner.Train(t.scenario(), t.overrides(), t.scenarioDigest().sha256(), t.seed(),
            t.period(), t.problem(), updates, state, id, replyTo),
        (answer, failure) -> new AnswerFor(id, attempt, answer, failure));
  }

  private Behavior<Command> onAnswer(AnswerFor a) {
    Pending p = pending.get(a.requestId());
    if (p == null || p.attempt != a.attempt()) {
      return this; // a late answer to an attempt already sent again
    }
    Train t = p.request;
    if (a.failure() != null) {
      p.unanswered++;
      if (p.unanswered >= attempts) {
        return finish(a.requestId(), new Failed(noAnswer(p)));
      }
      return resend(a.requestId(), p, "no answer within " + seconds(attemptTimeout));
    }
    if (a.answer() instanceof ResidentLearner.NeedState n) {
      if (p.withState) {
        return finish(a.requestId(), new Failed("learner " + t.entityId() + " on " + n.host() + " asked for its state "
            + "again after receiving it (seed " + t.seed() + ", period " + t.period() + ")"));
      }
      getContext().getLog().info("learner {} on {} holds {} update(s): its state sent along", t.entityId(), n.host(),
          n.updatesHere());
      lastHost.put(t.entityId(), n.host());
      p.withState = true;
      p.attempt++;
      send(a.requestId(), p);
      return this;
    }
    if (a.answer() instanceof ResidentLearner.Refused r) {
      return finish(a.requestId(), new Failed(r.scenarioValues().isEmpty() ? r.error() : scenarioDiffers(t, r)));
    }
    ResidentLearner.Answered done = (ResidentLearner.Answered) a.answer();
    double seconds = done.reply().trainNanos() / 1e9;
    cost.put(t.entityId(), seconds);
    lastHost.put(t.entityId(), done.host());
    if (t.follower()) {
      followerSeconds.computeIfAbsent(done.host(), k -> new ArrayList<>()).add(seconds);
    } else {
      // The leader's rollout copies collect as long as it does (its time is theirs plus the updates).
      cost.replaceAll((id, c) -> id.startsWith(t.entityId() + "/copy-") ? seconds : c);
    }
    return finish(a.requestId(), new Done(done.reply()));
  }

  /** Why a request failed after its last attempt got no answer: the learner, where, seed, period, attempts. */
  private String noAnswer(Pending p) {
    Train t = p.request;
    return learnerName(t) + " on " + String.join(", then ", p.members) + " did not answer (seed " + t.seed()
        + ", period " + t.period() + ") in " + p.unanswered + " attempt" + (p.unanswered == 1 ? "" : "s") + " of "
        + seconds(attemptTimeout) + " each (stackelgrid.node.learner-attempts, learner-attempt-timeout)";
  }

  /** The learner as the user knows it: its aggregator's id and learner name (follower-K), or the leader's. */
  static String learnerName(Train t) {
    String name = t.entityId().substring(t.entityId().lastIndexOf('/') + 1);
    return t.problem() instanceof FollowerProblem f ? "aggregator " + f.aggregatorId() + " (" + name + ")"
        : "the leader's learner";
  }

  /** A duration as seconds ("2 s", "1800 s"), as the timeout keys are read. */
  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1e3 + " s";
  }

  /** The refusal of a worker whose scenario differs, naming the first key that does, with both values. */
  private static String scenarioDiffers(Train t, ResidentLearner.Refused r) {
    return ScenarioDigest.firstDifference(t.scenarioDigest().values(), r.scenarioValues())
        .map(d -> "worker " + r.host() + " loads scenario " + t.scenarioDigest().name() + " differently: " + d.key()
            + " is " + d.there() + " there, " + d.here() + " here (learner " + t.entityId() + ", seed " + t.seed()
            + ", period " + t.period() + ")")
        .orElse(r.error());
  }

  private Behavior<Command> finish(long requestId, Result result) {
    Pending p = pending.remove(requestId);
    p.request.replyTo().tell(result);
    return this;
  }

  /** Sends the request again, with the learner's last good state, wherever its learner lives now. */
  private Behavior<Command> resend(long requestId, Pending p, String why) {
    resent++;
    getContext().getLog().warn("{} (learner {}, seed {}, period {}): {}; re-sent from its last good state "
        + "({} of {} attempt(s) unanswered; re-send {} of this run)", learnerName(p.request), p.request.entityId(),
        p.request.seed(), p.request.period(), why, p.unanswered, attempts, resent);
    sendAgain(requestId, p);
    return this;
  }

  private void sendAgain(long requestId, Pending p) {
    p.withState = true;
    p.attempt++;
    send(requestId, p);
  }

  /**
   * Sends again every pending request of the learners {@code held}, the first time with one line for
   * all; later times quietly (a learner answers a copy of a request it trained for from its last answer).
   */
  private void resendHeld(Set<String> held, String why, boolean first) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<Long, Pending> e : List.copyOf(pending.entrySet())) {
      if (held.contains(e.getValue().request.entityId())) {
        names.add(learnerName(e.getValue().request));
        sendAgain(e.getKey(), e.getValue());
      }
    }
    if (first && !names.isEmpty()) {
      resent += names.size();
      getContext().getLog().warn("{}: {} request(s) re-sent, each from its learner's last good state ({}; {} re-sends "
          + "in this run)", why, names.size(), String.join(", ", names), resent);
    }
  }

  private Behavior<Command> onResendHeldBy(ResendHeldBy r) {
    resendHeld(r.learners(), r.why(), r.first());
    // Sharding may still be settling (a hand-off cut short by the member's death holds a shard for
    // its timeout): send again until answered.
    if (pending.values().stream().anyMatch(p -> r.learners().contains(p.request.entityId()))) {
      getContext().scheduleOnce(RESEND_HELD_EVERY, getContext().getSelf(),
          new ResendHeldBy(r.address(), r.learners(), r.why(), false));
    }
    return this;
  }

  private Behavior<Command> onForget(Forget f) {
    f.entityIds().forEach(id -> {
      cost.remove(id);
      phase.remove(id);
      at.remove(id);
      lastHost.remove(id);
    });
    return this;
  }

  /** A worker up places again; a worker lost moves its learners and re-sends what they held. */
  /**
   * A worker up places again. A worker found unreachable keeps its learners (sharding cannot move a
   * shard off a member it cannot reach: such a hand-off waits out its timeout) and nothing is placed
   * until it is reachable again or removed; once removed, its learners are placed on the others and
   * what they held is sent again. A worker that leaves hands its learners over at once.
   */
  private Behavior<Command> onMembersChanged(MembersChanged m) {
    if (m.event() instanceof ClusterEvent.ReachableMember r) {
      heldByUnreachable.remove(r.member().address().toString());
      return place();
    }
    Address gone = MemberLoss.lostMember(m.event());
    if (gone == null) {
      return place();
    }
    String address = gone.toString();
    if (m.event() instanceof ClusterEvent.UnreachableMember) {
      if (!lost.contains(address) && !heldByUnreachable.containsKey(address)) {
        heldByUnreachable.put(address, learnersAt(address));
        getContext().getLog().warn("worker {} unreachable: its learners stay placed there, and what they hold is "
            + "sent again if it is removed", address);
      }
      return this;
    }
    if (!lost.add(address)) {
      return this;
    }
    Set<String> there = learnersAt(address);
    boolean wasUnreachable = heldByUnreachable.remove(address) != null;
    place();
    String why = "worker " + address + " " + m.event().getClass().getSimpleName().replace("Member", "")
        .toLowerCase(java.util.Locale.ROOT);
    if (wasUnreachable) {
      // Sent now, a request may still reach the dead member's region: wait until this member's shard
      // region has seen the removal too.
      getContext().scheduleOnce(AFTER_REMOVAL, getContext().getSelf(), new ResendHeldBy(address, there, why, true));
    } else {
      // At once, then again until answered: the shard may wait out a hand-off the leaving member cuts short.
      onResendHeldBy(new ResendHeldBy(address, there, why, true));
    }
    return this;
  }

  /**
   * The learners placed at {@code address}, last seen answering from there (a move may not be done yet)
   * or with a request sent there.
   */
  private Set<String> learnersAt(String address) {
    Set<String> there = new HashSet<>();
    at.forEach((id, where) -> {
      if (where.equals(address)) {
        there.add(id);
      }
    });
    lastHost.forEach((id, where) -> {
      if (where.equals(address)) {
        there.add(id);
      }
    });
    pending.values().forEach(p -> {
      if (p.members.contains(address)) {
        there.add(p.request.entityId());
      }
    });
    return there;
  }

  /**
   * Plans with the costs known now and sets the changed places; with no worker yet, or a worker
   * unreachable (its learners cannot move yet), waits.
   */
  private Behavior<Command> place() {
    if (!heldByUnreachable.isEmpty()) {
      return this; // placed again once it is reachable or removed
    }
    List<LearnerPlacement.Member> members = workers();
    if (members.isEmpty() || cost.isEmpty()) {
      return this; // answered once a worker is up (MemberUp places again)
    }
    List<LearnerPlacement.Learner> all = new ArrayList<>();
    cost.forEach((id, c) -> all.add(new LearnerPlacement.Learner(id, c, phase.getOrDefault(id, ""))));
    Map<String, String> plan = LearnerPlacement.plan(all, members, at, MOVE_GAIN);
    Map<String, Address> changed = new LinkedHashMap<>();
    plan.forEach((id, address) -> {
      if (!address.equals(at.get(id))) {
        changed.put(id, AddressFromURIString.parse(address));
      }
    });
    at.clear();
    at.putAll(plan);
    List<ActorRef<Ready>> answer = new ArrayList<>(waiting);
    waiting.clear();
    if (changed.isEmpty()) {
      answer.forEach(a -> a.tell(new Ready(members.size())));
      return this;
    }
    getContext().getLog().info("placing {} learner(s) on {} worker(s)", changed.size(), members.size());
    getContext().pipeToSelf(learners.place(changed), (done, e) -> new Placed(answer, e));
    return this;
  }

  private Behavior<Command> onPlaced(Placed p) {
    if (p.failure() != null) {
      getContext().getLog().warn("placing learners failed ({}); they start where sharding puts them",
          p.failure().toString());
    }
    p.waiting().forEach(a -> a.tell(new Ready(workers().size())));
    return this;
  }

  /** The workers that are up and not lost, in address order, each with its measured speed. */
  private List<LearnerPlacement.Member> workers() {
    Map<String, Double> speed = LearnerPlacement.speeds(followerSeconds);
    List<LearnerPlacement.Member> out = new ArrayList<>();
    for (Member m : Cluster.get(getContext().getSystem()).state().getMembers()) {
      String address = m.address().toString();
      if (m.status() == MemberStatus.up() && m.hasRole(ClusterConfig.ROLE_WORKER) && !lost.contains(address)) {
        out.add(new LearnerPlacement.Member(address, speed.getOrDefault(address, 1.0)));
      }
    }
    out.sort(java.util.Comparator.comparing(LearnerPlacement.Member::address));
    return out;
  }
}
