package com.caskr.sync.emulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AdminGateTest {

  private static MockHttpServletResponse call(AdminGate gate, String path, String authorization)
      throws Exception {
    var request = new MockHttpServletRequest("GET", path);
    if (authorization != null) {
      request.addHeader("Authorization", authorization);
    }
    var response = new MockHttpServletResponse();
    var chain = new MockFilterChain();
    gate.doFilter(request, response, chain);
    if (chain.getRequest() != null) {
      response.setStatus(299);
    }
    return response;
  }

  @Test
  void letsTheRightBearerTokenThrough() throws Exception {
    var gate = new AdminGate("s3cret");

    assertThat(call(gate, "/emulator/orgs/x/faults", "Bearer s3cret").getStatus()).isEqualTo(299);
  }

  @Test
  void refusesAMissingOrWrongTokenWithJson() throws Exception {
    var gate = new AdminGate("s3cret");

    for (String header : new String[] {null, "Bearer s3cre", "Bearer s3cret2", "Basic s3cret"}) {
      MockHttpServletResponse response = call(gate, "/emulator/orgs/x/faults", header);
      assertThat(response.getStatus()).isEqualTo(401);
      assertThat(response.getContentType()).startsWith("application/json");
      assertThat(response.getContentAsString()).contains("\"error\":\"unauthorized\"");
      assertThat(response.getContentAsString()).doesNotContain("s3cret");
    }
  }

  @Test
  void aBlankTokenDisablesTheAdminApi() throws Exception {
    for (String token : new String[] {null, "", "  "}) {
      var gate = new AdminGate(token);
      assertThat(call(gate, "/emulator/orgs/x/faults", "Bearer ").getStatus()).isEqualTo(404);
      assertThat(call(gate, "/emulator/orgs/x/faults", null).getStatus()).isEqualTo(404);
    }
  }

  @Test
  void leavesOtherPathsAlone() throws Exception {
    var gate = new AdminGate("s3cret");

    assertThat(call(gate, "/services/data/v62.0/limits", null).getStatus()).isEqualTo(299);
    assertThat(call(gate, "/emulatorx", null).getStatus()).isEqualTo(299);
  }
}
