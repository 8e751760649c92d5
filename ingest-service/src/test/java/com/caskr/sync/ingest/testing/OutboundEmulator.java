package com.caskr.sync.ingest.testing;

import com.caskr.sync.emulator.SalesforceEmulatorApplication;
import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.NewUser;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.outbound.OutboundMessages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The salesforce-emulator in this JVM on free ports, its Outbound Message sender on a fast clock (a
 * Salesforce minute per real second, so retries come within seconds) and without random duplicates.
 * Orgs are created per test; definitions go through the emulator's admin API.
 */
public final class OutboundEmulator {

  private static final String ADMIN_TOKEN = "test-admin-token";
  private static final AtomicInteger ORGS = new AtomicInteger();
  private static volatile OutboundEmulator shared;

  private final ConfigurableApplicationContext context;

  private OutboundEmulator(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** The emulator of this JVM, started on first use. */
  public static synchronized OutboundEmulator shared() {
    if (shared == null) {
      ConfigurableApplicationContext context =
          SalesforceEmulatorApplication.startInProcess(
              "--emulator.admin.token=" + ADMIN_TOKEN,
              "--emulator.outbound.time-scale=60",
              "--emulator.outbound.duplicate-probability=0");
      Runtime.getRuntime().addShutdownHook(new Thread(context::close, "emulator-stop"));
      shared = new OutboundEmulator(context);
    }
    return shared;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** A fresh org with the standard schema. */
  public Org newOrg(String name) {
    int n = ORGS.incrementAndGet();
    String username = "admin" + n + "-" + System.nanoTime() + "@ingest-tests.example";
    return context
        .getBean(Orgs.class)
        .create(Orgs.Definition.named(name, new NewUser(username, "Ada", "Admin" + n, username)));
  }

  /** Creates a record as a user in the UI would. */
  public String create(Org org, String type, Map<String, ?> values) {
    return org.create(type, values, Caller.user(org.adminUserId()));
  }

  /** The delivery status of one definition. */
  public OutboundMessages.Status status(Org org, String actionId) {
    return context.getBean(OutboundMessages.class).status(org.id(), actionId).orElseThrow();
  }

  /** Defines an Outbound Message over the admin API; returns its ActionId. */
  public String define(Org org, String json) {
    String body = admin("POST", "/emulator/orgs/" + org.id() + "/outbound-messages", json);
    var matcher = Pattern.compile("\"actionId\":\"(04k[0-9A-Za-z]+)\"").matcher(body);
    if (!matcher.find()) {
      throw new IllegalStateException("No actionId in " + body);
    }
    return matcher.group(1);
  }

  /** Makes the emulator send each of the next {@code count} messages of the org twice. */
  public void duplicateNext(Org org, int count) {
    admin(
        "POST",
        "/emulator/orgs/" + org.id() + "/outbound-messages/faults/duplicate",
        "{\"count\":" + count + "}");
  }

  private String admin(String method, String path, String json) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl() + path))
                  .header("Authorization", "Bearer " + ADMIN_TOKEN)
                  .header("Content-Type", "application/json")
                  .method(method, HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
