package com.caskr.sync.emulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.Api;
import com.caskr.sync.emulator.SalesforceEmulatorApplication;
import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.ConnectedApps;
import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.SObjectType;
import com.caskr.sync.emulator.org.seed.DemoDistillery;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class SnapshotIntegrationTest {

  @TempDir Path dir;

  @Test
  void aSnapshotRestoresEveryOrgRecycleBinAndConnectedAppAfterARestart() throws Exception {
    Map<String, Map<String, Object>> before;
    String orgId;
    String deletedAccount;
    ConnectedApp app;
    try (var first = start(false)) {
      Orgs orgs = first.getBean(Orgs.class);
      assertThat(orgs.all()).extracting(Org::name).containsExactly(DemoDistillery.NAME);
      Org org = orgs.all().iterator().next();
      orgId = org.id();
      Caller admin = Caller.user(org.adminUserId());
      // Its opportunities and line items go to the recycle bin with it.
      deletedAccount =
          org.rows("Opportunity", false)
              .map(o -> (String) o.get("AccountId"))
              .findFirst()
              .orElseThrow();
      org.delete(deletedAccount, admin);
      org.create("Account", Map.of("Name", "Ünïcode & <Co>", "AnnualRevenue", "1234.50"), admin);
      app =
          first
              .getBean(ConnectedApps.class)
              .create(orgId, "Snapshot app", "https://sync.example/cb")
              .withRefreshTokenRotation(true);
      first.getBean(ConnectedApps.class).save(app);
      before = rows(org);

      var saved = post(first, "/emulator/snapshots");
      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
      assertThat(dir.resolve("emulator-snapshot.json")).exists();
    }

    try (var second = start(true)) {
      Orgs orgs = second.getBean(Orgs.class);
      assertThat(orgs.all()).hasSize(1);
      Org restored = orgs.byId(orgId).orElseThrow();
      Map<String, Map<String, Object>> after = rows(restored);
      String oldBook =
          (String)
              before.entrySet().stream()
                  .filter(e -> e.getKey().startsWith("01s"))
                  .findFirst()
                  .orElseThrow()
                  .getKey();
      assertThat(after.keySet())
          .containsExactlyInAnyOrderElementsOf(
              before.keySet().stream()
                  .map(k -> k.equals(oldBook) ? restored.standardPricebookId() : k)
                  .toList());
      for (var entry : before.entrySet()) {
        if (entry.getKey().startsWith("01s")) {
          continue;
        }
        assertThat(withBook(after.get(entry.getKey()), restored.standardPricebookId(), oldBook))
            .as(entry.getKey())
            .isEqualTo(entry.getValue());
      }
      assertThat(restored.userIds()).hasSize(DemoDistillery.users().size());
      assertThat(second.getBean(ConnectedApps.class).byClientId(app.clientId())).contains(app);

      Caller admin = Caller.user(restored.adminUserId());
      restored.undelete(deletedAccount, admin);
      assertThat(restored.read("Account", deletedAccount)).containsEntry("IsDeleted", false);
      assertThat(
              restored
                  .rows("Opportunity", false)
                  .filter(o -> deletedAccount.equals(o.get("AccountId"))))
          .isNotEmpty();
      String fresh = restored.create("Account", Map.of("Name", "After restart"), admin);
      assertThat(before).doesNotContainKey(fresh);
      restored.create("Account", Map.of("Name", "Saved at shutdown"), admin);
    }

    try (var third = start(false)) {
      Org again = third.getBean(Orgs.class).byId(orgId).orElseThrow();
      assertThat(again.rows("Account", false).map(a -> a.get("Name")))
          .contains("Saved at shutdown", "Ünïcode & <Co>");
    }
  }

  @Test
  void savingWithoutADirectoryIsRefused() throws Exception {
    try (var context =
        new SpringApplicationBuilder(SalesforceEmulatorApplication.class)
            .run("--server.port=0", "--emulator.admin.token=test-admin-token")) {
      assertThat(post(context, "/emulator/snapshots").statusCode()).isEqualTo(409);
    }
    assertThat(Files.list(dir)).isEmpty();
  }

  // Command-line arguments, so they win over application.yml (port 8090).
  private ConfigurableApplicationContext start(boolean saveOnShutdown) {
    return new SpringApplicationBuilder(SalesforceEmulatorApplication.class)
        .run(
            "--server.port=0",
            "--emulator.admin.token=test-admin-token",
            "--emulator.snapshot.dir=" + dir,
            "--emulator.snapshot.save-on-shutdown=" + saveOnShutdown);
  }

  private static Map<String, Object> withBook(
      Map<String, Object> row, String newBook, String oldBook) {
    var copy = new HashMap<String, Object>(row);
    copy.replaceAll((k, v) -> newBook.equals(v) ? oldBook : v);
    return copy;
  }

  private static Map<String, Map<String, Object>> rows(Org org) {
    var all = new HashMap<String, Map<String, Object>>();
    for (SObjectType type : org.schema().types()) {
      all.putAll(
          org.rows(type.name(), true).collect(Collectors.toMap(r -> (String) r.get("Id"), r -> r)));
    }
    return all;
  }

  private static HttpResponse<String> post(ConfigurableApplicationContext context, String path) {
    int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    return Api.admin(port).post(path, null);
  }
}
