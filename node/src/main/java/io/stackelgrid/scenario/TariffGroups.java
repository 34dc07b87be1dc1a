package io.stackelgrid.scenario;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tariff groups of MODEL.md §10: each household group belongs to one, which owns one fixed
 * charge. {@code by-bus-and-kind} makes one per bus and kind (three-bus: the six groups of §4),
 * {@code by-income-and-kind} one per kind and income. Groups are numbered in the order their first
 * household group appears in the scenario.
 *
 * @param ofHouseholdGroup the tariff group of each household group, by the scenario's order
 */
public record TariffGroups(Rule rule, List<TariffGroup> groups, int[] ofHouseholdGroup) {

  public TariffGroups {
    groups = List.copyOf(groups);
    ofHouseholdGroup = ofHouseholdGroup.clone();
  }

  /** How household groups are put into tariff groups (key {@code tariff.groups}). */
  public enum Rule {
    BY_BUS_AND_KIND("by-bus-and-kind"),
    BY_INCOME_AND_KIND("by-income-and-kind");

    private final String key;

    Rule(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    /** The rule named {@code key}, or null. */
    public static Rule byKey(String key) {
      for (Rule r : values()) {
        if (r.key.equals(key)) {
          return r;
        }
      }
      return null;
    }
  }

  /**
   * One tariff group.
   *
   * @param incomeUsdPerYear the count-weighted mean income of its households (equal incomes under
   *     by-income-and-kind)
   * @param count households in it
   */
  public record TariffGroup(String name, HouseholdGroup.Kind kind, double incomeUsdPerYear, long count) {
    public boolean prosumer() {
      return kind == HouseholdGroup.Kind.PROSUMER;
    }
  }

  /** The tariff groups of {@code households} under {@code rule}. */
  public static TariffGroups of(Rule rule, List<HouseholdGroup> households) {
    Map<String, Integer> index = new LinkedHashMap<>();
    List<List<HouseholdGroup>> members = new ArrayList<>();
    int[] of = new int[households.size()];
    for (int g = 0; g < households.size(); g++) {
      HouseholdGroup h = households.get(g);
      String name = h.kind().key() + "-" + (rule == Rule.BY_BUS_AND_KIND ? h.busName() : plain(h.incomeUsdPerYear()));
      Integer t = index.get(name);
      if (t == null) {
        t = members.size();
        index.put(name, t);
        members.add(new ArrayList<>());
      }
      members.get(t).add(h);
      of[g] = t;
    }
    List<TariffGroup> groups = new ArrayList<>();
    List<String> names = new ArrayList<>(index.keySet());
    for (int t = 0; t < members.size(); t++) {
      long n = 0;
      double income = 0;
      for (HouseholdGroup h : members.get(t)) {
        n += h.count();
        income += h.count() * h.incomeUsdPerYear();
      }
      double mean = n == 0 ? members.get(t).get(0).incomeUsdPerYear() : income / n;
      groups.add(new TariffGroup(names.get(t), members.get(t).get(0).kind(), mean, n));
    }
    return new TariffGroups(rule, groups, of);
  }

  /** An income as outputs name it: 25000, not 25000.0. */
  static String plain(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  public int size() {
    return groups.size();
  }

  public TariffGroup group(int t) {
    return groups.get(t);
  }

  /** The tariff group of household group {@code g}. */
  public int of(int householdGroup) {
    return ofHouseholdGroup[householdGroup];
  }

  /** The index of the tariff group named {@code name}, or −1. */
  public int indexOf(String name) {
    for (int t = 0; t < groups.size(); t++) {
      if (groups.get(t).name().equals(name)) {
        return t;
      }
    }
    return -1;
  }

  /** The prosumer tariff groups' indices, in order (the leader observes their mean SoC). */
  public int[] prosumerGroups() {
    return java.util.stream.IntStream.range(0, groups.size()).filter(t -> groups.get(t).prosumer()).toArray();
  }

  @Override
  public int[] ofHouseholdGroup() {
    return ofHouseholdGroup.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TariffGroups t && t.rule == rule && t.groups.equals(groups)
        && Arrays.equals(t.ofHouseholdGroup, ofHouseholdGroup);
  }

  @Override
  public int hashCode() {
    return 31 * groups.hashCode() + Arrays.hashCode(ofHouseholdGroup);
  }
}
