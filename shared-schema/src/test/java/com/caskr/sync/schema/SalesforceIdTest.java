package com.caskr.sync.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.schema.json.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DatabindException;

class SalesforceIdTest {

  @ParameterizedTest
  @CsvSource({
    "001D000000IRFma, 001D000000IRFmaIAH",
    "0015000000Gv7qJ, 0015000000Gv7qJAAR",
    "00D5e000000CsKq, 00D5e000000CsKqEAK",
    "0065e00000GhT8x, 0065e00000GhT8xAAF",
    "000000000000000, 000000000000000AAA",
    "ZZZZZZZZZZZZZZZ, ZZZZZZZZZZZZZZZ555",
    "Abcdefghijklmno, AbcdefghijklmnoBAA",
    "abcdEabcdeabcdE, abcdEabcdeabcdEQAQ",
  })
  void extendsFifteenCharacterIdsWithTheCaseChecksum(String fifteen, String eighteen) {
    assertThat(SalesforceId.of(fifteen).value()).isEqualTo(eighteen);
    assertThat(SalesforceId.of(eighteen).value()).isEqualTo(eighteen);
    assertThat(SalesforceId.of(fifteen)).isEqualTo(SalesforceId.of(eighteen));
  }

  @Test
  void idsDifferingOnlyInCaseAreDifferentRecords() {
    var lower = SalesforceId.of("001D000000IRFma");
    var upper = SalesforceId.of("001D000000IRFMA");

    assertThat(upper.value()).isEqualTo("001D000000IRFMAIA5");
    assertThat(lower).isNotEqualTo(upper);
    assertThat(lower.value()).isNotEqualToIgnoringCase(upper.value());
  }

  @Test
  void neverChangesTheCaseOfTheId() {
    assertThat(SalesforceId.of("003aBcDeFgHiJkL").value()).startsWith("003aBcDeFgHiJkL");
  }

  @Test
  void rejectsAnEighteenCharacterIdWhoseChecksumDoesNotMatch() {
    assertThatThrownBy(() -> SalesforceId.of("001D000000IRFmaIAA"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("001D000000IRFmaIAA")
        .hasMessageContaining("checksum suffix IAA does not match, expected IAH");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "001d000000irfmaiah", // lowercased by a spreadsheet: the case cannot be trusted any more
        "001D000000IRFMAIAH", // body case changed, suffix kept
        "001D000000IRFmaiah", // suffix lowercased
      })
  void rejectsIdsWhoseCaseWasMangled(String mangled) {
    assertThatThrownBy(() -> SalesforceId.of(mangled))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checksum");
    assertThat(SalesforceId.isValid(mangled)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "001D000000IRFm", // 14
        "001D000000IRFmaI", // 16
        "001D000000IRFmaIA", // 17
        "001D000000IRFmaIAHX", // 19
        "001D000000IRF-a",
        "001D000000IRF a",
        "001D000000IRFmä",
        "001D000000IRFma' OR '1'='1",
      })
  void rejectsGarbage(String garbage) {
    assertThatThrownBy(() -> SalesforceId.of(garbage))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Not a Salesforce id: '");
    assertThat(SalesforceId.isValid(garbage)).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void rejectsNullAndEmpty(String value) {
    assertThatThrownBy(() -> new SalesforceId(value)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void capsHowMuchOfAHugeInputEndsUpInTheMessage() {
    String huge = "x".repeat(10_000);
    assertThatThrownBy(() -> SalesforceId.of(huge))
        .hasMessageContaining("must have 15 or 18 characters, has 10000")
        .message()
        .hasSizeLessThan(150);
  }

  @Test
  void keyPrefixIsTheObjectType() {
    assertThat(SalesforceId.of("001D000000IRFma").keyPrefix()).isEqualTo("001");
    assertThat(SalesforceId.of("00k5e00000Ab1Cd").keyPrefix()).isEqualTo("00k");
    assertThat(SalesforceId.of("00k5e00000Ab1Cd").hasKeyPrefix("00K")).isFalse();
  }

  @Test
  void validatesWithoutThrowing() {
    assertThat(SalesforceId.isValid("001D000000IRFma")).isTrue();
    assertThat(SalesforceId.isValid("001D000000IRFmaIAH")).isTrue();
    assertThat(SalesforceId.isValid(null)).isFalse();
  }

  @Test
  void toStringIsTheEighteenCharacterId() {
    assertThat(SalesforceId.of("001D000000IRFma")).hasToString("001D000000IRFmaIAH");
  }

  @Test
  void ordersByValue() {
    assertThat(SalesforceId.of("001D000000IRFma")).isLessThan(SalesforceId.of("003D000000IRFma"));
  }

  @Test
  void serialisesAsAPlainJsonStringInItsEighteenCharacterForm() {
    var json = EventJson.mapper();
    assertThat(json.writeValueAsString(SalesforceId.of("001D000000IRFma")))
        .isEqualTo("\"001D000000IRFmaIAH\"");
    assertThat(json.readValue("\"001D000000IRFma\"", SalesforceId.class))
        .isEqualTo(SalesforceId.of("001D000000IRFmaIAH"));
  }

  @Test
  void refusesInvalidIdsInJson() {
    assertThatThrownBy(
            () -> EventJson.mapper().readValue("\"001D000000IRFmaIAA\"", SalesforceId.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("checksum");
    assertThatThrownBy(() -> EventJson.mapper().readValue("{\"value\":\"x\"}", SalesforceId.class))
        .isInstanceOf(DatabindException.class);
  }
}
