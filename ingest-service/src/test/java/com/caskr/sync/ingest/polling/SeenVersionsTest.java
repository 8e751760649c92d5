package com.caskr.sync.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.schema.SalesforceId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeenVersionsTest {

  private static final SalesforceId ID = SalesforceId.of("001000000000001");
  private static final Instant T = Instant.parse("2026-11-22T09:15:00Z");

  private final SeenVersions seen = new SeenVersions();

  @Test
  void dropsAVersionAlreadyPublished() {
    seen.published(ID, T);

    assertThat(seen.isNew(ID, T)).isFalse();
    assertThat(seen.isNew(ID, T.minusSeconds(1))).isFalse();
  }

  @Test
  void passesANewerVersionOfTheSameRecordAndAnotherRecord() {
    seen.published(ID, T);

    assertThat(seen.isNew(ID, T.plusMillis(1))).isTrue();
    assertThat(seen.isNew(SalesforceId.of("001000000000002"), T)).isTrue();
  }
}
