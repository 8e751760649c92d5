package com.caskr.sync.emulator.pubsub;

import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.ChangeType;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.SObjectType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * CDC fault injection into an org's event log, and synthetic load, for tests and benchmarks (admin
 * API under {@code /emulator/}; the admin gate guards it). Faults act on the next change events the
 * org commits; each answer is the current fault state.
 */
@RestController
@RequestMapping("/emulator/orgs/{orgId}/pubsub")
class PubSubFaultsController {

  static final int MAX_COUNT = 1_000_000;

  /** A number of upcoming events. */
  record Count(int count) {}

  /** Gap events: GAP_CREATE, GAP_UPDATE, GAP_DELETE or GAP_UNDELETE for these records. */
  record Gap(String changeType, List<String> recordIds) {}

  /** A GAP_OVERFLOW event for an entity. */
  record Overflow(String entity) {}

  /** Real updates through the org: {@code count} UPDATE events of one new record. */
  record Synthetic(String entity, int count) {}

  record SyntheticResult(String entity, String recordId, int events) {}

  /** A platform event type to define in the org: API name and custom text fields. */
  record PlatformEventDefinition(String name, List<String> fields) {}

  record TopicCreated(String topic, String schemaId) {}

  private static final Set<ChangeType> GAPS =
      Set.of(
          ChangeType.GAP_CREATE,
          ChangeType.GAP_UPDATE,
          ChangeType.GAP_DELETE,
          ChangeType.GAP_UNDELETE);

  private final Orgs orgs;
  private final EventBus bus;

  PubSubFaultsController(Orgs orgs, EventBus bus) {
    this.orgs = orgs;
    this.bus = bus;
  }

  @GetMapping("/faults")
  OrgEvents.FaultState state(@PathVariable String orgId) {
    return events(orgId).faults();
  }

  @DeleteMapping("/faults")
  OrgEvents.FaultState clear(@PathVariable String orgId) {
    OrgEvents events = events(orgId);
    events.clearFaults();
    return events.faults();
  }

  @PostMapping("/faults/drop")
  OrgEvents.FaultState drop(@PathVariable String orgId, @RequestBody Count body) {
    OrgEvents events = events(orgId);
    events.dropNext(count(body));
    return events.faults();
  }

  @PostMapping("/faults/duplicate")
  OrgEvents.FaultState duplicate(@PathVariable String orgId, @RequestBody Count body) {
    OrgEvents events = events(orgId);
    events.duplicateNext(count(body));
    return events.faults();
  }

  @PostMapping("/faults/reorder")
  OrgEvents.FaultState reorder(@PathVariable String orgId, @RequestBody Count body) {
    OrgEvents events = events(orgId);
    int count = count(body);
    if (count < 2) {
      throw badRequest("Reordering needs at least 2 events.");
    }
    events.reorderNext(count);
    return events.faults();
  }

  @PostMapping("/faults/gap")
  OrgEvents.FaultState gap(@PathVariable String orgId, @RequestBody Gap body) {
    OrgEvents events = events(orgId);
    ChangeType type = changeType(body.changeType());
    if (!GAPS.contains(type)) {
      throw badRequest("changeType must be GAP_CREATE, GAP_UPDATE, GAP_DELETE or GAP_UNDELETE.");
    }
    if (body.recordIds() == null || body.recordIds().isEmpty()) {
      throw badRequest("recordIds must name at least one record.");
    }
    Org org = events.org();
    var byEntity = new HashMap<String, List<String>>();
    for (String id : body.recordIds()) {
      SObjectType entity =
          org.schema()
              .typeOfId(id)
              .filter(t -> OrgEvents.CDC_ENTITIES.contains(t.name()))
              .orElseThrow(() -> badRequest("Not a record id of a CDC entity: " + id));
      byEntity.computeIfAbsent(entity.name(), e -> new java.util.ArrayList<>()).add(id);
    }
    byEntity.forEach((entity, ids) -> events.gap(entity, type, ids));
    return events.faults();
  }

  @PostMapping("/faults/overflow")
  OrgEvents.FaultState overflow(@PathVariable String orgId, @RequestBody Overflow body) {
    OrgEvents events = events(orgId);
    if (body.entity() == null || !OrgEvents.CDC_ENTITIES.contains(body.entity())) {
      throw badRequest("entity must be one of " + OrgEvents.CDC_ENTITIES + ".");
    }
    events.gap(body.entity(), ChangeType.GAP_OVERFLOW, List.of());
    return events.faults();
  }

  @PostMapping("/faults/expire-replay-ids")
  OrgEvents.FaultState expire(@PathVariable String orgId) {
    OrgEvents events = events(orgId);
    events.expireReplayIds();
    return events.faults();
  }

  @PostMapping("/platform-events")
  TopicCreated definePlatformEvent(
      @PathVariable String orgId, @RequestBody PlatformEventDefinition body) {
    OrgEvents events = events(orgId);
    PlatformEventType type;
    try {
      type = new PlatformEventType(body.name(), body.fields() == null ? List.of() : body.fields());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw badRequest("name must end in __e and fields in __c.");
    }
    events.register(type);
    return new TopicCreated(type.topic(), events.topic(type.topic()).orElseThrow().schema().id());
  }

  @PostMapping("/synthetic-changes")
  SyntheticResult synthetic(@PathVariable String orgId, @RequestBody Synthetic body) {
    OrgEvents events = events(orgId);
    int count = body.count();
    if (count < 1 || count > MAX_COUNT) {
      throw badRequest("count must be 1.." + MAX_COUNT + ".");
    }
    Org org = events.org();
    Caller caller = Caller.user(org.adminUserId());
    String nameField =
        switch (body.entity() == null ? "" : body.entity()) {
          case "Account" -> "Name";
          case "Contact" -> "LastName";
          default -> throw badRequest("entity must be Account or Contact.");
        };
    String id = org.create(body.entity(), Map.of(nameField, "Synthetic load"), caller);
    for (int i = 1; i < count; i++) {
      org.update(body.entity(), id, Map.of("Description", "Synthetic change " + i), caller);
    }
    return new SyntheticResult(body.entity(), id, count);
  }

  private OrgEvents events(String orgId) {
    return orgs.byId(orgId)
        .flatMap(org -> bus.of(org.id()))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such org."));
  }

  private static int count(Count body) {
    if (body == null || body.count() < 1 || body.count() > MAX_COUNT) {
      throw badRequest("count must be 1.." + MAX_COUNT + ".");
    }
    return body.count();
  }

  private static ChangeType changeType(String name) {
    try {
      return ChangeType.valueOf(name == null ? "" : name);
    } catch (IllegalArgumentException e) {
      throw badRequest("Unknown changeType.");
    }
  }

  private static ResponseStatusException badRequest(String message) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
  }
}
