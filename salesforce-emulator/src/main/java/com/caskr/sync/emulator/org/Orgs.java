package com.caskr.sync.emulator.org;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Every org the emulator hosts, by organization id. Thread-safe. */
public final class Orgs {

  /**
   * How to create an org.
   *
   * @param orgId an 18- or 15-character 00D id, or null to mint one
   * @param users the first is the administrator
   */
  public record Definition(
      String name,
      String orgId,
      List<NewUser> users,
      Schema schema,
      boolean sandbox,
      long dailyApiAllocation) {

    public Definition {
      users = List.copyOf(users);
    }

    public static Definition named(String name, NewUser admin) {
      return new Definition(
          name, null, List.of(admin), Schema.standard(), false, ApiUsage.DEFAULT_ALLOCATION);
    }

    public Definition withOrgId(String id) {
      return new Definition(name, id, users, schema, sandbox, dailyApiAllocation);
    }

    public Definition withUsers(List<NewUser> all) {
      return new Definition(name, orgId, all, schema, sandbox, dailyApiAllocation);
    }

    public Definition withSchema(Schema orgSchema) {
      return new Definition(name, orgId, users, orgSchema, sandbox, dailyApiAllocation);
    }

    public Definition asSandbox() {
      return new Definition(name, orgId, users, schema, true, dailyApiAllocation);
    }

    public Definition withDailyApiAllocation(long allocation) {
      return new Definition(name, orgId, users, schema, sandbox, allocation);
    }
  }

  private final Clock clock;
  private final Map<String, Org> byId = new ConcurrentHashMap<>();
  private final List<Consumer<Org>> setUps = new CopyOnWriteArrayList<>();

  /** The clock every org reads time from; inject a movable one in tests. */
  public Orgs(Clock clock) {
    this.clock = clock;
  }

  /**
   * Runs {@code setUp} for every org hosted now and for each one created later, before the new org
   * is reachable through {@link #byId} (so it sees every write): e.g. the Pub/Sub surface attaching
   * its CDC listener.
   */
  public synchronized void everyOrg(Consumer<Org> setUp) {
    setUps.add(setUp);
    byId.values().forEach(setUp);
  }

  public synchronized Org create(Definition definition) {
    String id;
    if (definition.orgId() == null) {
      id = IdSequence.next("00D");
    } else {
      id = FieldValues.normalisedId(definition.orgId());
      if (id == null || !id.startsWith("00D")) {
        throw new IllegalArgumentException("Not an organization id: " + definition.orgId());
      }
    }
    var org =
        new Org(
            id,
            definition.name(),
            definition.schema(),
            definition.users(),
            definition.sandbox(),
            clock,
            definition.dailyApiAllocation());
    if (byId.containsKey(id)) {
      throw new IllegalArgumentException("Org " + id + " exists already");
    }
    setUps.forEach(setUp -> setUp.accept(org));
    byId.put(id, org);
    return org;
  }

  /** By 15- or 18-character organization id. */
  public Optional<Org> byId(String orgId) {
    String id = FieldValues.normalisedId(orgId);
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  public Collection<Org> all() {
    return List.copyOf(byId.values());
  }

  public Clock clock() {
    return clock;
  }
}
