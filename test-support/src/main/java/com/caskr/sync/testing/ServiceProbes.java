package com.caskr.sync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** What every running service must show over HTTP, checked the way an operator would see it. */
public final class ServiceProbes {

  /** Actuator endpoints that exist in Spring Boot but must not be reachable on our services. */
  private static final List<String> HIDDEN_ACTUATOR_ENDPOINTS =
      List.of(
          "env",
          "beans",
          "configprops",
          "info",
          "loggers",
          "heapdump",
          "threaddump",
          "mappings",
          "metrics",
          "shutdown",
          "flyway",
          "scheduledtasks",
          "conditions");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ServiceProbes() {}

  /**
   * Health is UP, Prometheus metrics are tagged with the application name, and no other actuator
   * endpoint answers.
   */
  public static void assertExposesOnlyHealthAndPrometheus(int port, String applicationName) {
    assertExposesOnlyHealthAndPrometheus(port, applicationName, null);
  }

  /**
   * As above, for a service whose other paths need a signed-in admin: health and Prometheus answer
   * anonymously, and even {@code adminAuthorization} (an {@code Authorization} header value) finds
   * no other actuator endpoint.
   */
  public static void assertExposesOnlyHealthAndPrometheus(
      int port, String applicationName, String adminAuthorization) {
    HttpResponse<String> health = get(port, "/actuator/health");
    assertThat(health.statusCode()).as("/actuator/health status").isEqualTo(200);
    assertThat(health.body()).as("/actuator/health body").contains("\"status\":\"UP\"");

    HttpResponse<String> prometheus = get(port, "/actuator/prometheus");
    assertThat(prometheus.statusCode()).as("/actuator/prometheus status").isEqualTo(200);
    assertThat(prometheus.body())
        .as("/actuator/prometheus body")
        .contains("jvm_memory_used_bytes")
        .contains("application=\"" + applicationName + "\"");

    HttpResponse<String> index = get(port, "/actuator", adminAuthorization);
    assertThat(index.body()).as("/actuator links").doesNotContain("\"env\"", "\"beans\"");
    for (String endpoint : HIDDEN_ACTUATOR_ENDPOINTS) {
      assertThat(get(port, "/actuator/" + endpoint, adminAuthorization).statusCode())
          .as("/actuator/%s must not be exposed", endpoint)
          .isEqualTo(404);
    }
  }

  private static HttpResponse<String> get(int port, String path) {
    return get(port, path, null);
  }

  private static HttpResponse<String> get(int port, String path, String authorization) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .GET();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    HttpRequest request = builder.build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " on port " + port + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted during GET " + path, e);
    }
  }
}
