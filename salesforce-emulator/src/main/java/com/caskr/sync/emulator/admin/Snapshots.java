package com.caskr.sync.emulator.admin;

import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.ConnectedApps;
import com.caskr.sync.emulator.org.Field;
import com.caskr.sync.emulator.org.NewUser;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.SObjectType;
import com.caskr.sync.emulator.org.Schema;
import com.caskr.sync.emulator.org.seed.DemoDistillery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every org (records with the recycle bin, users) and connected app, written to and read back from
 * one JSON file. Live sessions and refresh tokens are left out. Orgs must use the standard or the
 * demo distillery schema.
 */
final class Snapshots {

  static final int VERSION = 1;

  /** The file's shape. */
  record Snapshot(int version, Instant savedAt, List<OrgSnapshot> orgs, List<AppSnapshot> apps) {}

  record OrgSnapshot(
      String id,
      String name,
      boolean sandbox,
      long dailyApiAllocation,
      String schema,
      String standardPricebookId,
      List<Map<String, Object>> records,
      Map<String, String> recycleBin) {}

  record AppSnapshot(
      String orgId,
      String name,
      String clientId,
      String clientSecret,
      Set<String> redirectUris,
      Set<String> scopes,
      boolean rotateRefreshTokens,
      Duration sessionTimeout,
      String publicKey,
      Set<String> preAuthorizedUsers) {}

  // Big decimals keep amounts exact and their scale as stored.
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private final Orgs orgs;
  private final ConnectedApps apps;
  private final SnapshotSettings settings;

  Snapshots(Orgs orgs, ConnectedApps apps, SnapshotSettings settings) {
    this.orgs = orgs;
    this.apps = apps;
    this.settings = settings;
  }

  boolean enabled() {
    return settings.file() != null;
  }

  /** Writes the snapshot (atomically replacing the last one); returns the file. */
  Path save() {
    if (!enabled()) {
      throw new IllegalStateException("emulator.snapshot.dir is not set");
    }
    var orgSnapshots = new ArrayList<OrgSnapshot>();
    var appSnapshots = new ArrayList<AppSnapshot>();
    for (Org org : orgs.all()) {
      orgSnapshots.add(snapshot(org));
      apps.ofOrg(org.id()).stream().map(Snapshots::snapshot).forEach(appSnapshots::add);
    }
    var snapshot = new Snapshot(VERSION, Instant.now(), orgSnapshots, appSnapshots);
    Path file = settings.file();
    try {
      Files.createDirectories(file.getParent());
      Path temporary = Files.createTempFile(file.getParent(), "emulator-snapshot", ".tmp");
      JSON.writeValue(temporary.toFile(), snapshot);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the snapshot " + file, e);
    }
    return file;
  }

  /**
   * Replaces every org with the snapshot's, when the file exists; false when there is none. A file
   * that cannot be read fails start-up rather than silently starting empty.
   */
  boolean restore() {
    Path file = settings.file();
    if (file == null || !Files.exists(file)) {
      return false;
    }
    Snapshot snapshot = JSON.readValue(file.toFile(), Snapshot.class);
    if (snapshot.version() != VERSION) {
      throw new IllegalStateException("Unsupported snapshot version " + snapshot.version());
    }
    orgs.all().forEach(o -> orgs.remove(o.id()));
    for (OrgSnapshot saved : snapshot.orgs()) {
      restore(saved);
    }
    for (AppSnapshot saved : snapshot.apps()) {
      apps.save(
          new ConnectedApp(
              saved.orgId(),
              saved.name(),
              saved.clientId(),
              saved.clientSecret(),
              saved.redirectUris(),
              saved.scopes(),
              saved.rotateRefreshTokens(),
              saved.sessionTimeout(),
              saved.publicKey() == null ? null : publicKey(saved.publicKey()),
              saved.preAuthorizedUsers()));
    }
    return true;
  }

  private static OrgSnapshot snapshot(Org org) {
    var records = new ArrayList<Map<String, Object>>();
    for (SObjectType type : org.schema().types()) {
      org.rows(type.name(), true).forEach(row -> records.add(jsonRow(row)));
    }
    return new OrgSnapshot(
        org.id(),
        org.name(),
        Boolean.TRUE.equals(org.row(org.id()).orElseThrow().get("IsSandbox")),
        org.apiUsage().max(),
        schemaName(org.schema()),
        org.standardPricebookId(),
        records,
        org.recycleBin());
  }

  private static AppSnapshot snapshot(ConnectedApp app) {
    return new AppSnapshot(
        app.orgId(),
        app.name(),
        app.clientId(),
        app.clientSecret(),
        app.redirectUris(),
        app.scopes(),
        app.rotateRefreshTokens(),
        app.sessionTimeout(),
        app.jwtKey() == null ? null : Base64.getEncoder().encodeToString(app.jwtKey().getEncoded()),
        app.preAuthorizedUsers());
  }

  private void restore(OrgSnapshot saved) {
    Schema schema = "demo".equals(saved.schema()) ? DemoDistillery.schema() : Schema.standard();
    var placeholder = new NewUser("restoring@emulator.invalid", null, "Restoring", "x@invalid");
    var definition =
        Orgs.Definition.named(saved.name(), placeholder)
            .withOrgId(saved.id())
            .withSchema(schema)
            .withDailyApiAllocation(saved.dailyApiAllocation());
    Org org = orgs.create(saved.sandbox() ? definition.asSandbox() : definition);
    var rows = new ArrayList<Map<String, Object>>();
    for (Map<String, Object> record : saved.records()) {
      rows.add(typedRow(org, record, saved.standardPricebookId()));
    }
    org.restore(rows, saved.recycleBin());
  }

  private static Map<String, Object> jsonRow(Map<String, Object> row) {
    var json = new LinkedHashMap<String, Object>();
    row.forEach(
        (field, value) ->
            json.put(
                field,
                value instanceof Instant || value instanceof LocalDate ? value.toString() : value));
    return json;
  }

  /** Back to stored types; the old standard price book id becomes the new org's. */
  private static Map<String, Object> typedRow(
      Org org, Map<String, Object> record, String oldStandardPricebookId) {
    String id = (String) record.get("Id");
    SObjectType type =
        org.schema()
            .typeOfId(id)
            .orElseThrow(
                () -> new IllegalStateException("Snapshot record of no known type: " + id));
    var row = new LinkedHashMap<String, Object>();
    record.forEach(
        (name, value) -> {
          Field field =
              type.field(name)
                  .orElseThrow(
                      () ->
                          new IllegalStateException("Snapshot field " + type.name() + "." + name));
          Object typed =
              switch (field.type()) {
                case DATE -> LocalDate.parse(value.toString());
                case DATETIME -> Instant.parse(value.toString());
                case CURRENCY, PERCENT, DOUBLE, INT -> new BigDecimal(value.toString());
                case BOOLEAN -> (Boolean) value;
                default -> value.equals(oldStandardPricebookId) ? org.standardPricebookId() : value;
              };
          row.put(field.name(), typed);
        });
    return row;
  }

  private static String schemaName(Schema schema) {
    if (sameChoices(schema, Schema.standard())) {
      return "standard";
    }
    if (sameChoices(schema, DemoDistillery.schema())) {
      return "demo";
    }
    throw new IllegalStateException("Only orgs with the standard or demo schema can be saved");
  }

  private static boolean sameChoices(Schema schema, Schema other) {
    for (String[] picklist : new String[][] {{"Account", "Industry"}, {"Product2", "Family"}}) {
      if (!values(schema, picklist).equals(values(other, picklist))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> values(Schema schema, String[] picklist) {
    return schema
        .type(picklist[0])
        .flatMap(t -> t.field(picklist[1]))
        .map(Field::picklistValues)
        .orElse(List.of());
  }

  private static RSAPublicKey publicKey(String base64) {
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Snapshot holds a bad public key", e);
    }
  }
}
