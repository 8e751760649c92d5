package com.caskr.sync.emulator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiVersionsTest {

  private final ApiVersions versions = new ApiVersions(50, 64);

  @Test
  void acceptsOnlyWholeVersionsInRange() {
    assertThat(versions.supported("v62.0")).contains("62.0");
    assertThat(versions.supported("v50.0")).contains("50.0");
    assertThat(versions.supported("v49.0")).isEmpty();
    assertThat(versions.supported("v65.0")).isEmpty();
    assertThat(versions.supported("v62.1")).isEmpty();
    assertThat(versions.supported("62.0")).isEmpty();
  }

  @Test
  void labelsReleases() {
    assertThat(ApiVersions.label(50)).isEqualTo("Winter '21");
    assertThat(ApiVersions.label(62)).isEqualTo("Winter '25");
    assertThat(ApiVersions.label(64)).isEqualTo("Summer '25");
  }

  @Test
  void readsTheCallOptionsClient() {
    assertThat(ApiCall.client("client=caskr-sync")).isEqualTo("caskr-sync");
    assertThat(ApiCall.client("defaultNamespace=x, client=caskr")).isEqualTo("caskr");
    assertThat(ApiCall.client("defaultNamespace=x")).isNull();
    assertThat(ApiCall.client(null)).isNull();
  }
}
