package com.caskr.sync.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CallerSecretsTest {

  private static final String AUTH = "http://localhost:18081";

  @Test
  void eachCallerGetsTheSecretAuthServiceHoldsForIt() {
    CallerSecrets secrets = CallerSecrets.generate();
    JsonNode callers =
        JsonMapper.builder()
            .build()
            .readTree(secrets.springApplicationJson())
            .path("auth")
            .path("internal")
            .path("callers");

    Map<String, String> ingest = secrets.callerEnvironment(Service.INGEST, AUTH);
    Map<String, String> writeback = secrets.callerEnvironment(Service.WRITEBACK, AUTH);

    assertThat(ingest)
        .containsEntry("INGEST_AUTH_SERVICE_SECRET", callers.path("ingest-service").asString())
        .containsEntry("INGEST_AUTH_SERVICE_URL", AUTH);
    assertThat(writeback)
        .containsEntry("WRITEBACK_AUTH_SECRET", callers.path("writeback-service").asString())
        .containsEntry("WRITEBACK_AUTH_URL", AUTH);
    assertThat(ingest.get("INGEST_AUTH_SERVICE_SECRET"))
        .hasSizeGreaterThanOrEqualTo(32)
        .isNotEqualTo(writeback.get("WRITEBACK_AUTH_SECRET"));
    assertThat(secrets.callerEnvironment(Service.MAPPING, AUTH)).isEmpty();
  }

  @Test
  void everyRunHasItsOwnSecrets() {
    assertThat(CallerSecrets.generate().springApplicationJson())
        .isNotEqualTo(CallerSecrets.generate().springApplicationJson());
  }

  @Test
  void neverShowsASecretInItsText() {
    CallerSecrets secrets = CallerSecrets.generate();
    String secret = secrets.callerEnvironment(Service.WRITEBACK, AUTH).get("WRITEBACK_AUTH_SECRET");
    assertThat(secrets.toString()).doesNotContain(secret).contains("writeback-service");
  }
}
