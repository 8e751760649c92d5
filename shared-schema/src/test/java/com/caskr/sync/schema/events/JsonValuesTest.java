package com.caskr.sync.schema.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

  @Test
  void canonicalisesNumbers() {
    assertThat(JsonValues.value("T", "f", (short) 3)).isEqualTo(3L);
    assertThat(JsonValues.value("T", "f", 3)).isEqualTo(3L);
    assertThat(JsonValues.value("T", "f", BigInteger.TEN)).isEqualTo(10L);
    assertThat(JsonValues.value("T", "f", BigInteger.TWO.pow(70)))
        .isEqualTo(BigInteger.TWO.pow(70));
    assertThat(JsonValues.value("T", "f", 0.1d)).isEqualTo(new BigDecimal("0.1"));
    assertThat(JsonValues.value("T", "f", new BigDecimal("18450.00")))
        .isEqualTo(new BigDecimal("18450.00"));
  }

  @Test
  void copiesNestedStructuresDeeplyAndKeepsNulls() {
    var inner = new HashMap<String, Object>();
    inner.put("City", null);
    var list = new ArrayList<Object>(Arrays.asList(1, null, inner));

    @SuppressWarnings("unchecked")
    var copy = (List<Object>) JsonValues.value("T", "f", list);
    inner.put("City", "Portland");
    list.add("late");

    assertThat(copy).hasSize(3).containsNull();
    assertThat(copy.get(0)).isEqualTo(1L);
    assertThat(copy.get(2)).isEqualTo(Collections.singletonMap("City", null));
    assertThatThrownBy(() -> copy.add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsNonJsonValuesNamingWhereTheyAre() {
    assertThatThrownBy(
            () ->
                JsonValues.object(
                    "T", "fields", Map.of("A", List.of(Map.of("B", new StringBuilder())))))
        .hasMessage("T: fields.A[0].B is not a JSON value: StringBuilder");
    assertThatThrownBy(() -> JsonValues.value("T", "f", Double.POSITIVE_INFINITY))
        .hasMessage("T: f is not a finite number: Infinity");
    assertThatThrownBy(() -> JsonValues.value("T", "f", Map.of(1, "x")))
        .hasMessage("T: f has a key that is not a non-empty string");
  }
}
