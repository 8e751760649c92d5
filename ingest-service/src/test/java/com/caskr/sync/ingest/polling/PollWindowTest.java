package com.caskr.sync.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.ingest.records.EntityFields;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollWindowTest {

  private final EntityFields fields = EntityFields.standard();

  @Test
  void readsFromTheCursorMinusTheOverlapWithAnUnquotedUtcLiteralOldestFirst() {
    var cursor =
        new PollCursor(Instant.parse("2026-11-22T09:15:00Z"), SalesforceId.of("001000000000001"));

    String soql =
        PollWindow.after(SalesforceEntity.ACCOUNT, cursor, Duration.ofMinutes(5)).soql(fields);

    assertThat(soql)
        .startsWith("SELECT Id, IsDeleted, SystemModstamp, Name")
        .contains(" FROM Account WHERE SystemModstamp >= 2026-11-22T09:10:00Z ")
        .endsWith(" ORDER BY SystemModstamp, Id")
        .doesNotContain("'2026");
  }

  @Test
  void readsEverythingWithoutACursor() {
    String soql =
        PollWindow.after(SalesforceEntity.CONTACT, null, Duration.ofMinutes(5)).soql(fields);

    assertThat(soql).contains(" FROM Contact ORDER BY").doesNotContain("WHERE");
    assertThat(PollWindow.everything(SalesforceEntity.OPPORTUNITY).since()).isNull();
  }

  @Test
  void cursorsOrderBySystemModstampThenId() {
    Instant t = Instant.parse("2026-11-22T09:15:00Z");
    var a = new PollCursor(t, SalesforceId.of("001000000000001"));
    var b = new PollCursor(t, SalesforceId.of("001000000000002"));
    var later = new PollCursor(t.plusMillis(1), SalesforceId.of("001000000000001"));

    assertThat(a).isLessThan(b);
    assertThat(b).isLessThan(later);
  }
}
