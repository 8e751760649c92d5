package com.caskr.sync.emulator.admin;

import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.ConnectedApps;
import com.caskr.sync.emulator.oauth.Tokens;
import com.caskr.sync.emulator.org.NewUser;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.Schema;
import com.caskr.sync.emulator.org.seed.DemoDistillery;
import com.caskr.sync.emulator.org.seed.RecordGenerator;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orgs and their users over the admin API: list, create (optionally seeded with the demo distillery
 * or generated volume), delete.
 */
@RestController
class OrgsController {

  // Memory, not time, is the limit: a few million rows fit a default heap.
  static final long MAX_GENERATED = 2_000_000;

  /**
   * @param users the first is the administrator; default one admin named after the org
   * @param seed {@code "demo"}, or {@code {"generate": {"accounts": N, "contactsPerAccount": …,
   *     "opportunitiesPerAccount": …, "seed": …}}}, or absent
   */
  record CreateOrg(
      String name,
      String orgId,
      Boolean sandbox,
      List<NewUser> users,
      Long dailyApiAllocation,
      Object seed) {}

  private final Orgs orgs;
  private final ConnectedApps apps;
  private final Tokens tokens;

  OrgsController(Orgs orgs, ConnectedApps apps, Tokens tokens) {
    this.orgs = orgs;
    this.apps = apps;
    this.tokens = tokens;
  }

  @GetMapping("/emulator/orgs")
  List<? extends Map<String, Object>> list() {
    return orgs.all().stream()
        .sorted(Comparator.comparing(Org::name).thenComparing(Org::id))
        .map(OrgsController::view)
        .toList();
  }

  @GetMapping("/emulator/orgs/{orgId}")
  Map<String, Object> one(@PathVariable String orgId) {
    return view(org(orgId));
  }

  @PostMapping("/emulator/orgs")
  ResponseEntity<Map<String, Object>> create(@RequestBody CreateOrg request) {
    if (request.name() == null || request.name().isBlank()) {
      throw new IllegalArgumentException("name is required");
    }
    boolean demo = "demo".equals(request.seed());
    RecordGenerator.Volume volume = volume(request.seed());
    List<NewUser> users =
        request.users() != null && !request.users().isEmpty()
            ? request.users()
            : demo ? DemoDistillery.users() : List.of(defaultAdmin(request.name()));
    var definition =
        Orgs.Definition.named(request.name(), users.getFirst())
            .withUsers(users)
            .withSchema(demo ? DemoDistillery.schema() : Schema.standard());
    if (request.orgId() != null) {
      definition = definition.withOrgId(request.orgId());
    }
    if (Boolean.TRUE.equals(request.sandbox())) {
      definition = definition.asSandbox();
    }
    if (request.dailyApiAllocation() != null) {
      if (request.dailyApiAllocation() < 1) {
        throw new IllegalArgumentException("dailyApiAllocation must be positive");
      }
      definition = definition.withDailyApiAllocation(request.dailyApiAllocation());
    }
    Org org = orgs.create(definition);
    long started = System.nanoTime();
    if (demo) {
      DemoDistillery.seed(org);
    } else if (volume != null) {
      RecordGenerator.generate(org, volume, seedOf(request.seed()));
    }
    var view = view(org);
    view.put("seedMillis", Duration.ofNanos(System.nanoTime() - started).toMillis());
    return ResponseEntity.status(HttpStatus.CREATED).body(view);
  }

  @DeleteMapping("/emulator/orgs/{orgId}")
  ResponseEntity<Void> delete(@PathVariable String orgId) {
    Org org = org(orgId);
    orgs.remove(org.id());
    tokens.expireAll(org.id());
    apps.ofOrg(org.id()).stream().map(ConnectedApp::clientId).forEach(apps::remove);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/emulator/orgs/{orgId}/users")
  List<Map<String, Object>> users(@PathVariable String orgId) {
    Org org = org(orgId);
    return org.rows("User", false)
        .map(
            u -> {
              var user = new LinkedHashMap<String, Object>();
              user.put("id", u.get("Id"));
              user.put("username", u.get("Username"));
              user.put("email", u.get("Email"));
              user.put("name", u.get("Name"));
              user.put("admin", org.adminUserId().equals(u.get("Id")));
              return (Map<String, Object>) user;
            })
        .toList();
  }

  private Org org(String orgId) {
    return orgs.byId(orgId).orElseThrow(() -> new AdminErrors.NoSuchOrg(orgId));
  }

  private static NewUser defaultAdmin(String orgName) {
    String slug = orgName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    slug = slug.replaceAll("^-|-$", "");
    String username = "admin@" + (slug.isEmpty() ? "org" : slug) + ".example";
    return new NewUser(username, "Org", "Admin", username);
  }

  private static RecordGenerator.Volume volume(Object seed) {
    if (seed == null || "demo".equals(seed)) {
      return null;
    }
    if (!(seed instanceof Map<?, ?> map) || !(map.get("generate") instanceof Map<?, ?> generate)) {
      throw new IllegalArgumentException("seed must be \"demo\" or {\"generate\": {…}}");
    }
    var volume =
        new RecordGenerator.Volume(
            count(generate, "accounts"),
            count(generate, "contactsPerAccount"),
            count(generate, "opportunitiesPerAccount"));
    long records =
        (long) volume.accounts()
            * (1L + volume.contactsPerAccount() + volume.opportunitiesPerAccount());
    if (records > MAX_GENERATED) {
      throw new IllegalArgumentException(
          "At most " + MAX_GENERATED + " generated records, asked for " + records);
    }
    return volume;
  }

  private static long seedOf(Object seed) {
    Object value = ((Map<?, ?>) ((Map<?, ?>) seed).get("generate")).get("seed");
    return value instanceof Number n ? n.longValue() : 42L;
  }

  private static int count(Map<?, ?> generate, String key) {
    Object value = generate.get(key);
    if (value == null) {
      return 0;
    }
    if (!(value instanceof Integer n) || n < 0 || n > 1_000_000) {
      throw new IllegalArgumentException(key + " must be a whole number from 0 to 1000000");
    }
    return n;
  }

  private static LinkedHashMap<String, Object> view(Org org) {
    var view = new LinkedHashMap<String, Object>();
    view.put("id", org.id());
    view.put("name", org.name());
    view.put("sandbox", Boolean.TRUE.equals(org.row(org.id()).orElseThrow().get("IsSandbox")));
    view.put("adminUserId", org.adminUserId());
    var counts = new LinkedHashMap<String, Long>();
    for (String type : List.of("Account", "Contact", "Opportunity", "OpportunityLineItem")) {
      counts.put(type, org.count(type, false));
    }
    view.put("records", counts);
    return view;
  }
}
