package com.caskr.sync.emulator.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.org.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeEventsTest {

  private final ChangeEventSchema account =
      ChangeEventSchema.of(Schema.standard().type("Account").orElseThrow());

  @Test
  void topLevelFieldsAreBitsOfABigEndianHexNumber() {
    int industry = account.slot("Industry").top();
    int phone = account.slot("Phone").top();

    String bitmap = ChangeEvents.bitmaps(account, List.of("Industry", "Phone")).getFirst();

    assertThat(bitmap).startsWith("0x").matches("0x([0-9A-F]{2})+");
    var bits = new java.math.BigInteger(bitmap.substring(2), 16);
    assertThat(bits.bitCount()).isEqualTo(2);
    assertThat(bits.testBit(industry)).isTrue();
    assertThat(bits.testBit(phone)).isTrue();
  }

  @Test
  void compoundSubFieldsUseThePositionForm() {
    int address = account.slot("BillingCity").top();

    List<String> bitmaps =
        ChangeEvents.bitmaps(account, List.of("BillingCity", "BillingStreet", "Name"));

    assertThat(bitmaps).hasSize(2);
    assertThat(bitmaps.get(1)).isEqualTo(address + "-0x03");
    assertThat(account.slot("BillingAddress")).isNull();
  }

  @Test
  void fieldsChangeEventsLeaveOutAreIgnored() {
    assertThat(ChangeEvents.bitmaps(account, List.of("SystemModstamp", "IsDeleted", "Id")))
        .isEmpty();
  }

  @Test
  void theSchemaIdIsStableForTheSameSchema() {
    var again = ChangeEventSchema.of(Schema.standard().type("Account").orElseThrow());

    assertThat(again.schema().id()).isEqualTo(account.schema().id()).hasSize(22);
    assertThat(account.schema().avro().getFields().getFirst().name())
        .isEqualTo("ChangeEventHeader");
  }
}
