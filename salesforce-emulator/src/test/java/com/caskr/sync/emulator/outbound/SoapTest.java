package com.caskr.sync.emulator.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.org.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SoapTest {

  @Test
  void acknowledgesOnlyAckTrueInsideNotificationsResponse() {
    assertThat(Soap.acknowledged(SoapListener.ACK_TRUE)).isTrue();
    assertThat(Soap.acknowledged(SoapListener.ACK_TRUE.replace(">true<", "> true <"))).isTrue();
    assertThat(Soap.acknowledged(SoapListener.ACK_TRUE.replace(">true<", ">false<"))).isFalse();
    assertThat(Soap.acknowledged(SoapListener.ACK_TRUE.replace("2005/09/outbound", "other")))
        .isFalse();
    assertThat(
            Soap.acknowledged(
                "<Envelope><Body><notificationsResponse><Ack>true</Ack>"
                    + "</notificationsResponse></Body></Envelope>"))
        .isFalse();
    assertThat(Soap.acknowledged("<soapenv:Envelope")).isFalse();
    assertThat(Soap.acknowledged("")).isFalse();
  }

  @Test
  void refusesDocumentTypesSoNoEntityIsExpanded() {
    String xxe =
        """
        <?xml version="1.0"?>
        <!DOCTYPE x [<!ENTITY yes SYSTEM "file:///etc/hostname">]>
        """
            + SoapListener.ACK_TRUE
                .substring(SoapListener.ACK_TRUE.indexOf("<soapenv:Envelope"))
                .replace(">true<", ">&yes;<");
    assertThat(Soap.acknowledged(xxe)).isFalse();
  }

  @Test
  void formatsValuesAsTheSoapApi() {
    assertThat(Soap.format(FieldType.CURRENCY, new BigDecimal("5000"))).isEqualTo("5000.0");
    assertThat(Soap.format(FieldType.CURRENCY, new BigDecimal("15000000"))).isEqualTo("1.5E7");
    assertThat(Soap.format(FieldType.PERCENT, new BigDecimal("12.5"))).isEqualTo("12.5");
    assertThat(Soap.format(FieldType.INT, new BigDecimal("7"))).isEqualTo("7");
    assertThat(Soap.format(FieldType.BOOLEAN, true)).isEqualTo("true");
    assertThat(Soap.format(FieldType.DATE, LocalDate.parse("2026-03-02"))).isEqualTo("2026-03-02");
    assertThat(Soap.format(FieldType.DATETIME, Instant.parse("2026-03-02T09:00:01Z")))
        .isEqualTo("2026-03-02T09:00:01.000Z");
  }
}
