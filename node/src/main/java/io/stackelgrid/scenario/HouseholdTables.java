package io.stackelgrid.scenario;

import io.stackelgrid.grid.Grid;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the aggregators and household groups tables of a scenario (MODEL.md §10): each aggregator
 * at a bus of the grid, each group held by an aggregator (prosumers always) or, for consumers, at a
 * bus of its own. Errors name the key, the group or aggregator id and the bus as the file writes them.
 */
final class HouseholdTables {
  private HouseholdTables() {}

  static List<Aggregator> aggregators(Keys hh, Grid grid) {
    List<Aggregator> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Keys a : hh.list("aggregators")) {
      String id = a.string("id");
      if (!ids.add(id)) {
        throw a.fail("id", "aggregator '" + id + "' is defined twice");
      }
      String busName = a.string("bus");
      int bus = grid.busIndex(busName);
      if (bus < 0) {
        throw a.fail("bus", "aggregator '" + id + "' sits on bus '" + busName + "', which the grid ("
            + grid.source() + ") lacks");
      }
      out.add(new Aggregator(id, bus, busName));
    }
    return out;
  }

  static List<HouseholdGroup> groups(Keys hh, Grid grid, List<Aggregator> aggregators, Shapes shapes,
      double populationScale) {
    List<HouseholdGroup> groups = new ArrayList<>();
    Set<String> names = new HashSet<>();
    boolean[] holdsProsumers = new boolean[aggregators.size()];
    for (Keys g : hh.list("groups")) {
      String name = g.string("name");
      if (!names.add(name)) {
        throw g.fail("name", "group '" + name + "' is defined twice");
      }
      String kindText = g.string("kind");
      HouseholdGroup.Kind kind = switch (kindText) {
        case "prosumer" -> HouseholdGroup.Kind.PROSUMER;
        case "consumer" -> HouseholdGroup.Kind.CONSUMER;
        default -> throw g.fail("kind", "must be prosumer or consumer, got '" + kindText + "'");
      };
      int aggregator = -1;
      String aggregatorId = "";
      int bus;
      String busName;
      if (g.has("aggregator")) {
        if (g.has("bus")) {
          throw g.fail("bus", "group '" + name + "' names both an aggregator and a bus: its bus is its aggregator's");
        }
        aggregatorId = g.string("aggregator");
        aggregator = indexOf(aggregators, aggregatorId);
        if (aggregator < 0) {
          throw g.fail("aggregator", "group '" + name + "' belongs to aggregator '" + aggregatorId
              + "', which households.aggregators lacks");
        }
        bus = aggregators.get(aggregator).bus();
        busName = aggregators.get(aggregator).busName();
      } else if (kind == HouseholdGroup.Kind.PROSUMER) {
        throw g.fail("aggregator", "prosumer group '" + name + "' names no aggregator (aggregator = <an id of "
            + "households.aggregators>): an aggregator's policy runs its batteries");
      } else {
        busName = g.string("bus");
        bus = grid.busIndex(busName);
        if (bus < 0) {
          throw g.fail("bus", "group '" + name + "' sits on bus '" + busName + "', which the grid ("
              + grid.source() + ") lacks");
        }
      }
      String shapeKey = g.has("shape") ? g.string("shape")
          : kind == HouseholdGroup.Kind.PROSUMER ? "prosumer-net-demand" : "consumer-demand";
      double[] shape = shapes.byKey(shapeKey);
      if (shape == null) {
        throw g.fail("shape", "group '" + name + "' has shape '" + shapeKey + "', which section shapes lacks");
      }
      long count = Math.round(g.nonNegativeLong("count") * populationScale);
      double storage = kind == HouseholdGroup.Kind.PROSUMER ? g.positive("storage-kwh") : 0.0;
      if (kind == HouseholdGroup.Kind.PROSUMER) {
        holdsProsumers[aggregator] = true;
      }
      groups.add(new HouseholdGroup(name, kind, aggregator, aggregatorId, bus, busName, count, storage,
          g.positive("income-usd-per-year"), shape));
    }
    for (int a = 0; a < aggregators.size(); a++) {
      if (!holdsProsumers[a]) {
        throw hh.list("aggregators").get(a).fail("id", "aggregator '" + aggregators.get(a).id() + "' (bus "
            + aggregators.get(a).busName() + ") holds no prosumer group: its policy would act for no battery");
      }
    }
    return groups;
  }

  private static int indexOf(List<Aggregator> aggregators, String id) {
    for (int a = 0; a < aggregators.size(); a++) {
      if (aggregators.get(a).id().equals(id)) {
        return a;
      }
    }
    return -1;
  }
}
