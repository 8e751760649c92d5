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
   * endpoint answers. For a service whose other paths need a signed-in admin (admin-security) the
   * hidden endpoints are asked for with {@code authorization} (an {@code Authorization} header
   * value; null for none), so their 404 proves they are not exposed rather than merely refused.
   */
  public static void assertExposesOnlyHealthAndPrometheus(
      int port, String applicationName, String authorization) {
    HttpResponse<String> health = get(port, "/actuator/health", null);
    assertThat(health.statusCode()).as("/actuator/health status").isEqualTo(200);
    assertThat(health.body()).as("/actuator/health body").contains("\"status\":\"UP\"");

    HttpResponse<String> prometheus = get(port, "/actuator/prometheus", null);
    assertThat(prometheus.statusCode()).as("/actuator/prometheus status").isEqualTo(200);
    assertThat(prometheus.body())
        .as("/actuator/prometheus body")
        .contains("jvm_memory_used_bytes")
        .contains("application=\"" + applicationName + "\"");

    HttpResponse<String> index = get(port, "/actuator", authorization);
    assertThat(index.body()).as("/actuator links").doesNotContain("\"env\"", "\"beans\"");
    for (String endpoint : HIDDEN_ACTUATOR_ENDPOINTS) {
      assertThat(get(port, "/actuator/" + endpoint, authorization).statusCode())
          .as("/actuator/%s must not be exposed", endpoint)
          .isEqualTo(404);
    }
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
