package com.caskr.sync.emulator.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writesSalesforceValueFormats() {
    var record = new LinkedHashMap<String, Object>();
    record.put("SystemModstamp", Instant.parse("2024-01-15T10:30:00Z"));
    record.put("CloseDate", LocalDate.parse("2024-01-15"));
    record.put("Amount", new BigDecimal("1.5E+3"));
    record.put("IsWon", true);
    record.put("Phone", null);
    record.put("Name", "Quote \" and \\ and \n");
    record.put("Tags", Arrays.asList(1, null));

    assertThat(Json.write(record))
        .isEqualTo(
            "{\"SystemModstamp\":\"2024-01-15T10:30:00.000+0000\",\"CloseDate\":\"2024-01-15\","
                + "\"Amount\":1500,\"IsWon\":true,\"Phone\":null,"
                + "\"Name\":\"Quote \\\" and \\\\ and \\n\",\"Tags\":[1,null]}");
  }

  @Test
  void refusesMalformedBodiesAsJsonParserError() {
    assertThatThrownBy(() -> Json.parseObject("{\"Name\":"))
        .isInstanceOfSatisfying(
            RestFailure.class,
            f -> {
              assertThat(f.status()).isEqualTo(400);
              assertThat(f.errors().getFirst().errorCode()).isEqualTo("JSON_PARSER_ERROR");
            });
    assertThatThrownBy(() -> Json.parseObject("[1]")).isInstanceOf(RestFailure.class);
  }

  @Test
  void readsDecimalsExactly() {
    assertThat(Json.parseObject("{\"Amount\":0.1}").get("Amount")).isEqualTo(new BigDecimal("0.1"));
  }
}
