package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import java.util.HashMap;
import java.util.Map;

/**
 * Actor addresses in their string form (what the protobuf messages carry), each resolved once and
 * cached: the per-step actors resolve the same few addresses every step.
 */
public final class Addresses {
  private final ActorRefResolver resolver;
  private final Map<String, ActorRef<?>> cache = new HashMap<>();

  public Addresses(ActorSystem<?> system) {
    this.resolver = ActorRefResolver.get(system);
  }

  /** The actor at {@code address} (as written by {@link #of}). */
  @SuppressWarnings("unchecked")
  public <T> ActorRef<T> get(String address) {
    return (ActorRef<T>) cache.computeIfAbsent(address, resolver::resolveActorRef);
  }

  /**
   * The actor at {@code address}, not kept: for the one-off reply-to addresses of asks, which would
   * otherwise pile up in the cache (one per step).
   */
  @SuppressWarnings("unchecked")
  public <T> ActorRef<T> once(String address) {
    ActorRef<?> known = cache.get(address);
    return (ActorRef<T>) (known != null ? known : resolver.resolveActorRef(address));
  }

  /** The string form of {@code ref}. */
  public String of(ActorRef<?> ref) {
    return resolver.toSerializationFormat(ref);
  }
}
