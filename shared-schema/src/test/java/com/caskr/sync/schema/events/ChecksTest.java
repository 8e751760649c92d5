package com.caskr.sync.schema.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksTest {

  // The grammar the hand-written scanner implements, as the regex it replaced.
  private static final Pattern API_NAME =
      Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Name",
        "a",
        "Cask_Investor__c",
        "BillingAddress.City",
        "Name.FirstName",
        "X9_.y_1",
        "Owner.Email"
      })
  void acceptsSalesforceApiNamesAndCompoundPaths(String name) {
    assertThat(Checks.isSalesforceApiName(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1Name",
        "_Name",
        "Name.",
        ".Name",
        "Name..City",
        "Name.1City",
        "Name; DROP TABLE",
        "Nämé",
        "Name ",
        "Name-c"
      })
  void rejectsEverythingElse(String name) {
    assertThat(Checks.isSalesforceApiName(name)).isFalse();
  }

  @Test
  void agreesWithTheRegexOnRandomNames() {
    String alphabet = "aZ09_._ .-é";
    var random = new Random(5);
    List<String> disagreements = new ArrayList<>();
    for (int n = 0; n < 50_000; n++) {
      var name = new StringBuilder();
      int length = random.nextInt(8);
      for (int i = 0; i < length; i++) {
        name.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String candidate = name.toString();
      if (Checks.isSalesforceApiName(candidate) != API_NAME.matcher(candidate).matches()) {
        disagreements.add(candidate);
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void namesTheFailingElementOfANameList() {
    assertThatThrownBy(
            () -> Checks.salesforceFields("T", "changedFields", List.of("Name", "Bad Name")))
        .hasMessage("T: changedFields[1] is not a Salesforce API name: 'Bad Name'");
    assertThatThrownBy(() -> Checks.salesforceFields("T", "changedFields", List.of("Name", " ")))
        .hasMessage("T: changedFields[1] must not be blank");
    assertThatThrownBy(
            () -> Checks.salesforceFields("T", "changedFields", java.util.Arrays.asList("A", null)))
        .hasMessage("T: changedFields[1] must not be null");
    assertThatThrownBy(() -> Checks.caskrColumns("T", "columns", List.of("ok", "not-ok")))
        .hasMessage("T: columns[1] is not a Caskr column name: 'not-ok'");
  }
}
