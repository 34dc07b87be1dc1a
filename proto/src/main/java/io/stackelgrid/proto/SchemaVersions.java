package io.stackelgrid.proto;

import io.stackelgrid.common.StackelgridException;

/** The schema version this build writes, and the check every receiver applies. */
public final class SchemaVersions {
  /**
   * Version of the messages in this schema; bump when a field changes meaning (2: typed protocols, one
   * serializer; 3: aggregators and tariff groups as tables, one step engine).
   */
  public static final int CURRENT = 3;

  private SchemaVersions() {}

  /** Refuses a message whose schema version this build does not know. */
  public static void require(int version, String messageType, String sender) {
    if (version != CURRENT) {
      throw new StackelgridException(
          messageType + " from " + sender + " has schema version " + version
              + " but this build reads only version " + CURRENT);
    }
  }
}
