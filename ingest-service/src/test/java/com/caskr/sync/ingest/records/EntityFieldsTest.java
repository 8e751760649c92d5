package com.caskr.sync.ingest.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityFieldsTest {

  @Test
  void everySelectStartsWithIdDeletionFlagAndWatermark() {
    for (SalesforceEntity entity : SalesforceEntity.values()) {
      assertThat(EntityFields.standard().of(entity))
          .startsWith("Id", "IsDeleted", "SystemModstamp")
          .doesNotHaveDuplicates()
          .noneMatch(name -> name.endsWith("Address"));
    }
  }

  @Test
  void addsConfiguredCustomFieldsOnce() {
    var fields =
        EntityFields.withExtra(
            Map.of(SalesforceEntity.CONTACT, List.of("Cask_Investor__c", "Email")));

    assertThat(fields.of(SalesforceEntity.CONTACT)).endsWith("Cask_Investor__c");
    assertThat(fields.of(SalesforceEntity.CONTACT)).filteredOn("Email"::equals).hasSize(1);
  }

  @Test
  void refusesAFieldNameThatCouldInjectSoql() {
    assertThatThrownBy(
            () ->
                EntityFields.withExtra(
                    Map.of(SalesforceEntity.ACCOUNT, List.of("Name FROM User WHERE Id != null"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a Salesforce field name for Account");
  }

  @Test
  void splitsIdListsSoEveryQueryStaysUnderTheUriLimit() {
    var ids = new ArrayList<SalesforceId>();
    for (int i = 0; i < 1001; i++) {
      ids.add(SalesforceId.of("%s%012d".formatted("006", i)));
    }

    var chunks = RecordReader.chunks(ids);

    assertThat(chunks).extracting(List::size).containsExactly(400, 400, 201);
    String in = RecordReader.inList(chunks.getFirst());
    assertThat(in).startsWith("('006000000000000").endsWith("')");
    int encoded = java.net.URLEncoder.encode(in, java.nio.charset.StandardCharsets.UTF_8).length();
    assertThat(encoded + EntityFields.lineItemSelectList().length() + 200).isLessThan(16_384);
  }
}
