package com.caskr.sync.emulator.pubsub;

import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event bus of every org the emulator hosts: attached to each org as it is created, so every
 * committed change reaches the org's log whether or not anyone subscribes yet.
 */
public final class EventBus {

  private final Map<String, OrgEvents> byOrg = new ConcurrentHashMap<>();

  EventBus(Orgs orgs, Duration retention) {
    orgs.everyOrg(
        org -> {
          var events = new OrgEvents(org, retention);
          byOrg.put(org.id(), events);
          org.addListener(events);
        });
  }

  Optional<OrgEvents> of(String orgId) {
    return Optional.ofNullable(byOrg.get(orgId));
  }

  OrgEvents of(Org org) {
    OrgEvents events = byOrg.get(org.id());
    if (events == null) {
      throw new IllegalStateException("Org " + org.id() + " has no event bus");
    }
    return events;
  }

  /** Defines a platform event in an org (in addition to Caskr_Sync__e, which every org has). */
  public void registerPlatformEvent(Org org, PlatformEventType type) {
    of(org).register(type);
  }
}
