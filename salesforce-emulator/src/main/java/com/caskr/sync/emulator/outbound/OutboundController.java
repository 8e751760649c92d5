package com.caskr.sync.emulator.outbound;

import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API of outbound messages, under the emulator's admin prefix: definitions, their queues and
 * counts, and the trigger and duplicate faults.
 */
@RestController
class OutboundController {

  static final String BASE = "/emulator/orgs/{orgId}/outbound-messages";

  /** {@code type} is {@code created}, {@code anyChange} or {@code fieldEnters} (field, value). */
  record ConditionRequest(String type, String field, String value) {}

  record DefinitionRequest(
      String name,
      String object,
      ConditionRequest condition,
      List<String> fields,
      String endpointUrl,
      Boolean sendSessionId,
      String username,
      String apiVersion) {}

  record TriggerRequest(List<String> recordIds) {}

  record DuplicateRequest(Integer count) {}

  private final OutboundMessages outbound;
  private final Orgs orgs;

  OutboundController(OutboundMessages outbound, Orgs orgs) {
    this.outbound = outbound;
    this.orgs = orgs;
  }

  @PostMapping(BASE)
  ResponseEntity<Map<String, Object>> create(
      @PathVariable String orgId, @RequestBody DefinitionRequest request) {
    Org org = org(orgId);
    if (request.object() == null || request.endpointUrl() == null) {
      throw new IllegalArgumentException("object and endpointUrl are required");
    }
    String userId =
        request.username() == null
            ? org.adminUserId()
            : org.userIdByUsername(request.username())
                .orElseThrow(() -> new IllegalArgumentException("No user " + request.username()));
    URI endpoint;
    try {
      endpoint = URI.create(request.endpointUrl());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("endpointUrl is not a URL");
    }
    var definition =
        outbound.define(
            new OutboundDefinition(
                Orgs.newId("04k"),
                org.id(),
                request.name() == null ? request.object() + " outbound message" : request.name(),
                request.object(),
                condition(request.condition()),
                request.fields() == null ? List.of() : request.fields(),
                endpoint,
                Boolean.TRUE.equals(request.sendSessionId()),
                userId,
                request.apiVersion() == null ? "64.0" : request.apiVersion()));
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(view(outbound.status(org.id(), definition.actionId()).orElseThrow()));
  }

  @GetMapping(BASE)
  List<Map<String, Object>> list(@PathVariable String orgId) {
    return outbound.statuses(org(orgId).id()).stream().map(OutboundController::view).toList();
  }

  @GetMapping(BASE + "/{actionId}")
  ResponseEntity<Map<String, Object>> one(
      @PathVariable String orgId, @PathVariable String actionId) {
    return outbound
        .status(org(orgId).id(), actionId)
        .map(s -> ResponseEntity.ok(view(s)))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  @DeleteMapping(BASE + "/{actionId}")
  ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String actionId) {
    return outbound.delete(org(orgId).id(), actionId)
        ? ResponseEntity.noContent().build()
        : ResponseEntity.notFound().build();
  }

  @PostMapping(BASE + "/{actionId}/trigger")
  ResponseEntity<Void> trigger(
      @PathVariable String orgId,
      @PathVariable String actionId,
      @RequestBody TriggerRequest request) {
    if (request.recordIds() == null || request.recordIds().isEmpty()) {
      throw new IllegalArgumentException("recordIds are required");
    }
    if (outbound.status(org(orgId).id(), actionId).isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    outbound.trigger(orgId, actionId, request.recordIds());
    return ResponseEntity.accepted().build();
  }

  @PostMapping(BASE + "/faults/duplicate")
  ResponseEntity<Void> duplicate(
      @PathVariable String orgId, @RequestBody DuplicateRequest request) {
    if (request.count() == null) {
      throw new IllegalArgumentException("count is required");
    }
    outbound.duplicateNext(org(orgId).id(), request.count());
    return ResponseEntity.noContent().build();
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(NoSuchOrg.class)
  ResponseEntity<Map<String, String>> noOrg(NoSuchOrg e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
  }

  private Org org(String orgId) {
    return orgs.byId(orgId).orElseThrow(() -> new NoSuchOrg(orgId));
  }

  private static Condition condition(ConditionRequest request) {
    if (request == null || request.type() == null) {
      throw new IllegalArgumentException("condition.type is required");
    }
    return switch (request.type()) {
      case "created" -> new Condition.Created();
      case "anyChange" -> new Condition.AnyChange();
      case "fieldEnters" -> new Condition.FieldEnters(request.field(), request.value());
      default ->
          throw new IllegalArgumentException(
              "condition.type must be created, anyChange or fieldEnters: " + request.type());
    };
  }

  private static Map<String, Object> view(OutboundMessages.Status status) {
    OutboundDefinition d = status.definition();
    var condition = new LinkedHashMap<String, Object>();
    switch (d.condition()) {
      case Condition.Created c -> condition.put("type", "created");
      case Condition.AnyChange c -> condition.put("type", "anyChange");
      case Condition.FieldEnters f -> {
        condition.put("type", "fieldEnters");
        condition.put("field", f.field());
        condition.put("value", f.value());
      }
    }
    var view = new LinkedHashMap<String, Object>();
    view.put("actionId", d.actionId());
    view.put("name", d.name());
    view.put("object", d.sobject());
    view.put("condition", condition);
    view.put("fields", d.fields());
    view.put("endpointUrl", d.endpoint().toString());
    view.put("sendSessionId", d.sendSessionId());
    view.put("userId", d.userId());
    view.put("apiVersion", d.apiVersion());
    view.put("delivered", status.delivered());
    view.put("dropped", status.dropped());
    view.put("duplicated", status.duplicated());
    view.put("pending", status.queue().size());
    view.put("queue", status.queue());
    return view;
  }

  /** An org id that names no org: 404. */
  static final class NoSuchOrg extends RuntimeException {
    NoSuchOrg(String orgId) {
      super("No org " + orgId);
    }
  }
}
