package io.stackelgrid.actors;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import com.typesafe.config.ConfigFactory;

/** The typed ActorTestKit every actor test uses: every message serialised, as across machines. */
final class SerialisingTestKit {
  private SerialisingTestKit() {}

  static ActorTestKit create() {
    return ActorTestKit.create(ConfigFactory.parseString(
        "akka.actor.serialize-messages = on\nakka.loglevel = WARNING").withFallback(ConfigFactory.load()));
  }
}
