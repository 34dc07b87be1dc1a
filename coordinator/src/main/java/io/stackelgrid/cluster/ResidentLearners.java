package io.stackelgrid.cluster;

import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.cluster.sharding.external.ExternalShardAllocation;
import akka.cluster.sharding.external.ExternalShardAllocationStrategy;
import akka.cluster.sharding.typed.ClusterShardingSettings;
import akka.cluster.sharding.typed.ShardingEnvelope;
import akka.cluster.sharding.typed.ShardingMessageExtractor;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityRef;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.util.Timeout;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The run's learners as sharded entities (Akka Cluster Sharding), one shard each, hosted by members
 * of role worker; where each lives is set from outside ({@link ExternalShardAllocationStrategy}) by the
 * run's {@link LearnerPlacer}, which places them by measured cost. A shard whose member leaves starts
 * again on another; its learner then asks for its state once ({@link ResidentLearner.NeedState}).
 */
public final class ResidentLearners {
  /** The entity type of resident learners. */
  public static final EntityTypeKey<ResidentLearner.Command> KEY =
      EntityTypeKey.create(ResidentLearner.Command.class, "stackelgrid-learner");
  /** The entity type of the leader's rollout copies ({@link RolloutCopyHost}), placed as learners are. */
  public static final EntityTypeKey<RolloutCopyHost.Command> COPY_KEY =
      EntityTypeKey.create(RolloutCopyHost.Command.class, "stackelgrid-leader-copy");
  /** The dispatcher resident learners train on: a thread per core (coordinator's reference.conf). */
  public static final String DISPATCHER = "stackelgrid.learner-dispatcher";
  /** The copies' dispatcher: apart from the learners', whose leader blocks while its copies collect. */
  public static final String COPY_DISPATCHER = "stackelgrid.copy-dispatcher";

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final akka.cluster.sharding.external.javadsl.ExternalShardAllocationClient allocation;
  private final akka.cluster.sharding.external.javadsl.ExternalShardAllocationClient copyAllocation;

  private ResidentLearners(ActorSystem<?> system) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.allocation = ExternalShardAllocation.get(system).getClient(KEY.name());
    this.copyAllocation = ExternalShardAllocation.get(system).getClient(COPY_KEY.name());
  }

  /**
   * Starts this member's part: on a worker it hosts learners, elsewhere it is a proxy to them.
   *
   * @param beforeTraining called before each training on this member (fault injection in tests)
   */
  public static ResidentLearners start(ActorSystem<?> system, Consumer<ResidentLearner.Train> beforeTraining) {
    return start(system, beforeTraining, c -> { });
  }

  /**
   * As {@link #start(ActorSystem, Consumer)}, calling {@code beforeCollect} before each segment of the
   * leader's rollout copies this member collects (fault injection in tests).
   */
  public static ResidentLearners start(ActorSystem<?> system, Consumer<ResidentLearner.Train> beforeTraining,
      Consumer<RolloutCopyHost.Collect> beforeCollect) {
    ScenarioCache scenarios = new ScenarioCache();
    ResidentLearners learners = new ResidentLearners(system);
    ClusterSharding.get(system).init(Entity.of(KEY, ctx -> ResidentLearner.create(ctx.getEntityId(), scenarios,
            learners, beforeTraining))
        .withRole(ClusterConfig.ROLE_WORKER)
        .withAllocationStrategy(new ExternalShardAllocationStrategy(system, KEY.name(),
            Timeout.create(Duration.ofSeconds(10))))
        .withMessageExtractor(new OneShardEach<>())
        .withEntityProps(DispatcherSelector.fromConfig(DISPATCHER))
        // A learner keeps its networks while the run lasts, however long the others train.
        .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
    ClusterSharding.get(system).init(Entity.of(COPY_KEY, ctx -> RolloutCopyHost.create(ctx.getEntityId(), scenarios, beforeCollect))
        .withRole(ClusterConfig.ROLE_WORKER)
        .withAllocationStrategy(new ExternalShardAllocationStrategy(system, COPY_KEY.name(),
            Timeout.create(Duration.ofSeconds(10))))
        .withMessageExtractor(new OneShardEach<>())
        .withEntityProps(DispatcherSelector.fromConfig(COPY_DISPATCHER))
        .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
    return learners;
  }

  ActorSystem<?> system() {
    return system;
  }

  /** Whether {@code entityId} names a leader's rollout copy rather than a learner. */
  static boolean isCopy(String entityId) {
    return entityId.matches(".*/copy-[0-9]+$");
  }

  /** The rollout copy with {@code entityId}, wherever it lives. */
  public EntityRef<RolloutCopyHost.Command> copyRef(String entityId) {
    return sharding.entityRefFor(COPY_KEY, entityId);
  }

  /** The learner with {@code entityId}, wherever it lives. */
  public EntityRef<ResidentLearner.Command> ref(String entityId) {
    return sharding.entityRefFor(KEY, entityId);
  }

  /** Moves each learner and rollout copy of {@code plan} (entity id to member address) there. */
  public CompletionStage<akka.Done> place(Map<String, Address> plan) {
    Map<String, Address> learnersPlan = new java.util.LinkedHashMap<>();
    Map<String, Address> copiesPlan = new java.util.LinkedHashMap<>();
    plan.forEach((id, at) -> (isCopy(id) ? copiesPlan : learnersPlan).put(id, at));
    CompletionStage<akka.Done> a = learnersPlan.isEmpty() ? java.util.concurrent.CompletableFuture.completedFuture(
        akka.Done.getInstance()) : allocation.setShardLocations(learnersPlan);
    return copiesPlan.isEmpty() ? a : a.thenCompose(d -> copyAllocation.setShardLocations(copiesPlan));
  }

  /** Each entity its own shard, so it can be placed alone. */
  private static final class OneShardEach<M> extends ShardingMessageExtractor<ShardingEnvelope<M>, M> {
    @Override
    public String entityId(ShardingEnvelope<M> envelope) {
      return envelope.entityId();
    }

    @Override
    public String shardId(String entityId) {
      return entityId;
    }

    @Override
    public M unwrapMessage(ShardingEnvelope<M> envelope) {
      return envelope.message();
    }
  }
}
