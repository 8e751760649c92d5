package com.caskr.sync.schema.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConflictEventsTest {

  private static final Tenant TENANT = new Tenant(42, SalesforceId.of("00D5e000000CsKq"));
  private static final SalesforceId TAVERN = SalesforceId.of("0015e00000Kx7Qz");
  private static final UUID EVENT = UUID.fromString("9d2c4e6f-1a3b-4c5d-8e7f-0a1b2c3d4e5f");
  private static final UUID CONFLICT = UUID.fromString("3e5a7c9b-2d4f-4a6c-8b0d-1f3e5a7c9b2d");
  private static final Instant SF_TIME = Instant.parse("2026-03-27T10:01:12Z");
  private static final Instant CASKR_TIME = Instant.parse("2026-03-27T09:58:40.120Z");

  private static ConflictDetected nameConflict(String field, Object caskrValue) {
    return new ConflictDetected(
        EVENT,
        1,
        TENANT,
        CONFLICT,
        CaskrEntity.CUSTOMER,
        1042,
        "Account",
        TAVERN,
        field,
        "Name",
        "Copper Still Tavern",
        "Copper Still Tavern & Kitchen",
        caskrValue,
        SF_TIME,
        CASKR_TIME,
        ConflictStrategy.LAST_WRITE_WINS,
        true,
        SF_TIME,
        "t");
  }

  @Test
  void detectedAndResolvedShareTheConflictKey() {
    var resolved =
        new ConflictResolved(
            EVENT,
            1,
            TENANT,
            CONFLICT,
            CaskrEntity.CUSTOMER,
            1042,
            "Account",
            TAVERN,
            "name",
            "Name",
            ConflictStrategy.LAST_WRITE_WINS,
            Resolution.KEEP_SALESFORCE,
            "Copper Still Tavern & Kitchen",
            "dana.whitfield@copperstill.example",
            SF_TIME,
            "t");

    assertThat(nameConflict("name", "Copper Still Taproom").kafkaKey())
        .isEqualTo("42/" + CONFLICT)
        .isEqualTo(resolved.kafkaKey());
  }

  @Test
  void valuesAreCanonicalJsonValues() {
    assertThat(nameConflict("name", 18450).caskrValue()).isEqualTo(18450L);
    assertThat(nameConflict("name", 0.5).caskrValue()).isEqualTo(new BigDecimal("0.5"));
    assertThat(nameConflict("name", null).caskrValue()).isNull();
  }

  @Test
  void rejectsAFieldThatIsNotAColumn() {
    assertThatThrownBy(() -> nameConflict("name or 1=1", "x"))
        .hasMessageStartingWith("ConflictDetected: field is not a Caskr column name");
  }

  @Test
  void resolvedNeedsSomeoneWhoResolvedIt() {
    assertThatThrownBy(
            () ->
                new ConflictResolved(
                    EVENT,
                    1,
                    TENANT,
                    CONFLICT,
                    CaskrEntity.CUSTOMER,
                    1042,
                    "Account",
                    TAVERN,
                    "name",
                    "Name",
                    ConflictStrategy.MANUAL,
                    Resolution.MERGED,
                    "Copper Still Tavern",
                    null,
                    SF_TIME,
                    "t"))
        .hasMessage("ConflictResolved: resolvedBy must not be null");
  }

  @Test
  void strategiesAppearOnTheWireAsCaskrStoresThem() {
    assertThat(ConflictStrategy.LAST_WRITE_WINS.settingValue()).isEqualTo("LastWriteWins");
    assertThat(CaskrEntity.PORTAL_USER.wireName()).isEqualTo("portal-user");
  }
}
