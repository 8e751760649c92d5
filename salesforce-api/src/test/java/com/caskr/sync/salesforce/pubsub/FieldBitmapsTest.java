package com.caskr.sync.salesforce.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldBitmapsTest {

  @Test
  void decodesTheDocumentedExampleAgainstTheEventsSchema() {
    // 0x650004E0 sets bits 5, 6, 7, 10, 24, 26, 29, 30.
    var names =
        FieldBitmaps.fieldNames(List.of("0x650004E0", "4-0x10", "7-0x06"), CdcSchemas.ACCOUNT);

    assertThat(names)
        .containsExactly(
            "Website",
            "Description",
            "ShippingAddress",
            "F10",
            "F24",
            "F26",
            "F29",
            "F30",
            "BillingAddress.Country",
            "ShippingAddress.City",
            "ShippingAddress.State");
  }

  @Test
  void readsTheBitmapBigEndianWithBitZeroAsTheHeader() {
    assertThat(FieldBitmaps.fieldNames(List.of("0x01"), CdcSchemas.ACCOUNT))
        .containsExactly("ChangeEventHeader");
    assertThat(FieldBitmaps.fieldNames(List.of("0x0100"), CdcSchemas.ACCOUNT))
        .containsExactly("LastModifiedDate");
    assertThat(FieldBitmaps.fieldNames(List.of("0x0006"), CdcSchemas.ACCOUNT))
        .containsExactly("Name", "Industry");
  }

  @Test
  void namesTheCompoundFieldWhenEveryPartIsSet() {
    assertThat(FieldBitmaps.fieldNames(List.of("4-0x1F"), CdcSchemas.ACCOUNT))
        .containsExactly("BillingAddress");
  }

  @Test
  void passesPlainNamesThrough() {
    assertThat(FieldBitmaps.fieldNames(List.of("Name", "Phone"), CdcSchemas.ACCOUNT))
        .containsExactly("Name", "Phone");
  }

  @Test
  void rejectsBitsBeyondTheSchemaRatherThanGuessing() {
    assertThatThrownBy(() -> FieldBitmaps.fieldNames(List.of("0x80000000"), CdcSchemas.ACCOUNT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sets bit 31");
    assertThatThrownBy(() -> FieldBitmaps.fieldNames(List.of("4-0x20"), CdcSchemas.ACCOUNT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FieldBitmaps.fieldNames(List.of("2-0x01"), CdcSchemas.ACCOUNT))
        .hasMessageContaining("not a compound field");
  }
}
