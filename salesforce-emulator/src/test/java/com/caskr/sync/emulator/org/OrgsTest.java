package com.caskr.sync.emulator.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrgsTest {

  private final TestClock clock = new TestClock();
  private final Orgs orgs = new Orgs(clock);
  private final NewUser admin = new NewUser("ada@a.example", "Ada", "Lovelace", "ada@a.example");

  @Test
  void hostsSeveralOrgsFoundByTheirId() {
    Org first = orgs.create(Orgs.Definition.named("First", admin));
    Org second = orgs.create(Orgs.Definition.named("Second", admin).withOrgId("00D000000000001"));

    assertThat(orgs.byId(first.id())).contains(first);
    assertThat(second.id()).hasSize(18).startsWith("00D000000000001");
    assertThat(orgs.byId("00D000000000001")).contains(second);
    assertThat(orgs.byId("00D000000000002")).isEmpty();
    assertThat(orgs.all()).containsExactlyInAnyOrder(first, second);
    assertThatThrownBy(
            () -> orgs.create(Orgs.Definition.named("Again", admin).withOrgId(second.id())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepsEachOrgsRecordsApart() {
    Org first = orgs.create(Orgs.Definition.named("First", admin));
    Org second = orgs.create(Orgs.Definition.named("Second", admin));

    first.create(
        "Account", java.util.Map.of("Name", "Only here"), Caller.user(first.adminUserId()));

    assertThat(first.count("Account", false)).isEqualTo(1);
    assertThat(second.count("Account", false)).isZero();
    assertThatThrownBy(
            () ->
                second.create(
                    "Account", java.util.Map.of("Name", "x"), Caller.user(first.adminUserId())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void createsUsersTheOrganizationAndTheStandardPriceBook() {
    var colleague = new NewUser("tom@a.example", "Tom", "Reyes", "tom@a.example");
    Org org =
        orgs.create(
            Orgs.Definition.named("Distillery", admin)
                .withUsers(List.of(admin, colleague))
                .asSandbox());

    assertThat(org.userIds()).hasSize(2);
    assertThat(org.row(org.userIds().get(1)).orElseThrow())
        .containsEntry("Email", "tom@a.example")
        .containsEntry("Name", "Tom Reyes")
        .containsEntry("IsActive", true);
    assertThat(org.userIdByUsername("TOM@a.example")).contains(org.userIds().get(1));
    assertThat(org.row(org.id()).orElseThrow())
        .containsEntry("Name", "Distillery")
        .containsEntry("IsSandbox", true);
    assertThat(org.row(org.standardPricebookId()).orElseThrow())
        .containsEntry("IsStandard", true)
        .containsEntry("Name", "Standard Price Book");
  }

  @Test
  void countsApiRequestsAgainstTheDailyAllocation() {
    Org org = orgs.create(Orgs.Definition.named("Small", admin).withDailyApiAllocation(3));
    ApiUsage usage = org.apiUsage();

    assertThat(usage.tryRecord()).isTrue();
    assertThat(usage.tryRecord()).isTrue();
    assertThat(usage.limitInfo()).isEqualTo("api-usage=2/3");
    assertThat(usage.tryRecord()).isTrue();
    assertThat(usage.tryRecord()).isFalse();
    assertThat(usage.used()).isEqualTo(3);
  }

  @Test
  void forgetsRequestsOlderThanTwentyFourHours() {
    Org org = orgs.create(Orgs.Definition.named("Rolling", admin));
    ApiUsage usage = org.apiUsage();
    usage.tryRecord();
    clock.advance(Duration.ofHours(12));
    usage.tryRecord();
    usage.tryRecord();

    clock.advance(Duration.ofHours(12).plusMinutes(1));

    assertThat(usage.used()).isEqualTo(2);
    assertThat(usage.max()).isEqualTo(100_000);
  }

  @Test
  void exhaustsTheAllocationOnDemand() {
    Org org = orgs.create(Orgs.Definition.named("Exhausted", admin));

    org.apiUsage().exhaust();

    assertThat(org.apiUsage().tryRecord()).isFalse();
    assertThat(org.apiUsage().limitInfo()).isEqualTo("api-usage=100000/100000");
  }
}
