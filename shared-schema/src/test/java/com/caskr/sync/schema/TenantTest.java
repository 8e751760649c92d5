package com.caskr.sync.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.schema.json.EventJson;
import org.junit.jupiter.api.Test;

class TenantTest {

  private static final SalesforceId ORG = SalesforceId.of("00D5e000000CsKq");

  @Test
  void holdsCompanyAndOrg() {
    var tenant = new Tenant(42, ORG);
    assertThat(tenant.companyId()).isEqualTo(42);
    assertThat(tenant.requireOrgId("SomeEvent")).isEqualTo(ORG);
  }

  @Test
  void rejectsNonPositiveCompanyIds() {
    assertThatThrownBy(() -> new Tenant(0, ORG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tenant.companyId must be positive, was 0");
  }

  @Test
  void rejectsAnOrgIdThatIsNotAnOrganization() {
    assertThatThrownBy(() -> new Tenant(42, SalesforceId.of("001D000000IRFma")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenant.orgId must be an Organization id");
  }

  @Test
  void mayLackAnOrgButThenSaysSoWhenOneIsRequired() {
    var tenant = Tenant.withoutOrg(57);
    assertThat(tenant.orgId()).isNull();
    assertThatThrownBy(() -> tenant.requireOrgId("OrderSynced"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("OrderSynced: tenant.orgId must not be null");
  }

  @Test
  void serialisesAsCompanyIdAndOrgId() {
    assertThat(EventJson.mapper().writeValueAsString(new Tenant(42, ORG)))
        .isEqualTo("{\"companyId\":42,\"orgId\":\"00D5e000000CsKqEAK\"}");
  }
}
