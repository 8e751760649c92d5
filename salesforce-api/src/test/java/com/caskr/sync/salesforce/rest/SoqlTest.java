package com.caskr.sync.salesforce.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SoqlTest {

  @Test
  void datetimeLiteralsAreUnquotedUtcWhileJsonUsesPlusZeroZeroZeroZero() {
    assertThat(Soql.literal(Instant.parse("2024-01-15T10:30:00Z")))
        .isEqualTo("2024-01-15T10:30:00Z");
    assertThat(Soql.literal(Instant.parse("2024-01-15T10:30:00.123456Z")))
        .isEqualTo("2024-01-15T10:30:00.123Z");
    assertThat(Soql.literal(LocalDate.of(2024, 1, 15))).isEqualTo("2024-01-15");
    assertThat(Soql.parseDateTime("2024-01-15T10:30:00.000+0000"))
        .isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
    assertThat(Soql.parseDateTime("2024-01-15T12:30:00.000+0200"))
        .isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
    assertThat(Soql.parseDateTime("2024-01-15T10:30:00Z"))
        .isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
  }

  @Test
  void stringLiteralsEscapeQuotesAndBackslashes() {
    assertThat(Soql.literal("O'Brien\\Sons")).isEqualTo("'O\\'Brien\\\\Sons'");
  }
}
