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
  /** The dispatcher resident learners train on: a thread per core (coordinator's reference.conf). */
  public static final String DISPATCHER = "stackelgrid.learner-dispatcher";

  private final ClusterSharding sharding;
  private final akka.cluster.sharding.external.javadsl.ExternalShardAllocationClient allocation;

  private ResidentLearners(ActorSystem<?> system) {
    this.sharding = ClusterSharding.get(system);
    this.allocation = ExternalShardAllocation.get(system).getClient(KEY.name());
  }

  /**
   * Starts this member's part: on a worker it hosts learners, elsewhere it is a proxy to them.
   *
   * @param beforeTraining called before each training on this member (fault injection in tests)
   */
  public static ResidentLearners start(ActorSystem<?> system, Consumer<ResidentLearner.Train> beforeTraining) {
    ScenarioCache scenarios = new ScenarioCache();
    ClusterSharding.get(system).init(Entity.of(KEY, ctx -> ResidentLearner.create(ctx.getEntityId(), scenarios,
            beforeTraining))
        .withRole(ClusterConfig.ROLE_WORKER)
        .withAllocationStrategy(new ExternalShardAllocationStrategy(system, KEY.name(),
            Timeout.create(Duration.ofSeconds(10))))
        .withMessageExtractor(new OneShardEach())
        .withEntityProps(DispatcherSelector.fromConfig(DISPATCHER))
        // A learner keeps its networks while the run lasts, however long the others train.
        .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
    return new ResidentLearners(system);
  }

  /** The learner with {@code entityId}, wherever it lives. */
  public EntityRef<ResidentLearner.Command> ref(String entityId) {
    return sharding.entityRefFor(KEY, entityId);
  }

  /** Moves each learner of {@code plan} (entity id to member address) there. */
  public CompletionStage<akka.Done> place(Map<String, Address> plan) {
    return allocation.setShardLocations(plan);
  }

  /** Each learner its own shard, so it can be placed alone. */
  private static final class OneShardEach
      extends ShardingMessageExtractor<ShardingEnvelope<ResidentLearner.Command>, ResidentLearner.Command> {
    @Override
    public String entityId(ShardingEnvelope<ResidentLearner.Command> envelope) {
      return envelope.entityId();
    }

    @Override
    public String shardId(String entityId) {
      return entityId;
    }

    @Override
    public ResidentLearner.Command unwrapMessage(ShardingEnvelope<ResidentLearner.Command> envelope) {
      return envelope.message();
    }
  }
}
