package com.caskr.sync.mapping.fieldmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformationTest {

  @Test
  void readsEverySeedRuleAndWritesTheSameConfigurationBack() {
    Map<String, Object> lookup = Map.of("lookup", "industry_customer_type", "fallback", "Direct");
    Map<String, Object> values = Map.of("values", Map.of("Closed Won", "Confirmed"));

    assertThat(Transformation.of("TRIM", Map.of())).isEqualTo(new Transformation.Trim());
    assertThat(Transformation.of("LOOKUP", lookup).config()).isEqualTo(lookup);
    assertThat(Transformation.of("VALUE_MAP", values).config()).isEqualTo(values);
    assertThat(Transformation.of("DATE_FORMAT", Map.of("format", "yyyy-MM-dd")).config())
        .isEqualTo(Map.of("format", "yyyy-MM-dd"));
  }

  @Test
  void refusesUnknownRulesAndConfigurationItDoesNotUnderstand() {
    assertThatThrownBy(() -> Transformation.of("SUBSTRING", Map.of()))
        .isInstanceOf(InvalidMappingException.class)
        .hasMessageContaining("unknown transformation rule");
    assertThatThrownBy(() -> Transformation.of("TRIM", Map.of("chars", " ")))
        .hasMessage("TRIM takes no configuration");
    assertThatThrownBy(() -> Transformation.of("VALUE_MAP", Map.of("values", List.of("a"))))
        .hasMessageContaining("\"values\": a JSON object");
    assertThatThrownBy(() -> Transformation.of("VALUE_MAP", Map.of("values", Map.of())))
        .hasMessageContaining("non-empty");
    assertThatThrownBy(
            () -> Transformation.of("VALUE_MAP", Map.of("values", Map.of("a", Map.of("b", 1)))))
        .hasMessageContaining("must be text, a number, true/false or null");
    assertThatThrownBy(() -> Transformation.of("LOOKUP", Map.of("lookup", "accounts")))
        .hasMessageContaining("industry_customer_type, user_by_email, entity_mapping");
    assertThatThrownBy(() -> Transformation.of("LOOKUP", Map.of("lookup", "entity_mapping")))
        .hasMessageContaining("salesforce_object");
  }

  @Test
  void refusesDatePatternsThatAreInvalidOrNotDates() {
    assertThatThrownBy(() -> Transformation.of("DATE_FORMAT", Map.of("format", "yyyy-MM-dd'")))
        .hasMessageContaining("not a valid java.time pattern");
    assertThatThrownBy(() -> Transformation.of("DATE_FORMAT", Map.of("format", "HH:mm")))
        .hasMessageContaining("a year, a month and a day");
    assertThatThrownBy(() -> Transformation.of("DATE_FORMAT", Map.of()))
        .hasMessageContaining("\"format\" as text");
  }

  @Test
  void fieldRulesRefuseTwoInboundSourcesForOneTargetPosition() {
    assertThatThrownBy(() -> Rules.account().map("Name", "name").map("Site", "name").build(1))
        .isInstanceOf(InvalidMappingException.class)
        .hasMessageContaining("two inbound sources");
    assertThatThrownBy(() -> Rules.account().map("Name", "Name").build(1))
        .hasMessageContaining("not a Caskr column name");
  }
}
