package com.caskr.sync.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

  @TempDir Path repo;

  @BeforeEach
  void aCheckout() throws IOException {
    Files.writeString(repo.resolve("pom.xml"), "<project/>");
    Files.createDirectories(repo.resolve("deploy/local"));
  }

  @Test
  void startsEverythingOnFixedPortsByDefault() {
    Options options = Options.parse(List.of(), repo);

    assertThat(options.ports()).isEqualTo(PortMode.FIXED);
    assertThat(options.repo()).isEqualTo(repo);
    assertThat(options.runDir()).isEqualTo(repo.resolve("deploy/local/.run"));
    assertThat(options.services()).containsExactly(Service.values());
  }

  @Test
  void picksFreePortsWhenAsked() {
    assertThat(Options.parse(List.of("--ports=free"), repo).ports()).isEqualTo(PortMode.FREE);
    assertThat(Options.parse(List.of("--ports=fixed"), repo).ports()).isEqualTo(PortMode.FIXED);
  }

  @Test
  void startsOnlyTheNamedServicesInStackOrder() {
    Options options =
        Options.parse(List.of("--only=salesforce-emulator, auth-service,auth-service"), repo);

    assertThat(options.services()).containsExactly(Service.AUTH, Service.EMULATOR);
  }

  @Test
  void resolvesRelativeRepoAndRunDirAgainstTheWorkingDirectory() throws IOException {
    Path elsewhere = Files.createDirectories(repo.resolve("some/where"));

    Options options = Options.parse(List.of("--repo=../..", "--run-dir=tmp/run"), elsewhere);

    assertThat(options.repo()).isEqualTo(repo);
    assertThat(options.runDir()).isEqualTo(elsewhere.resolve("tmp/run"));
  }

  @Test
  void rejectsAnUnknownOptionWithTheUsage() {
    assertThatThrownBy(() -> Options.parse(List.of("--port=free"), repo))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("Unknown option: --port=free")
        .hasMessageContaining("usage: deploy/local/run");
  }

  @Test
  void rejectsAnArgumentThatIsNoKeyValueOption() {
    assertThatThrownBy(() -> Options.parse(List.of("free"), repo))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("Unknown option: free");
    assertThatThrownBy(() -> Options.parse(List.of("--ports"), repo))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("Unknown option: --ports");
  }

  @Test
  void rejectsABadPortMode() {
    assertThatThrownBy(() -> Options.parse(List.of("--ports=random"), repo))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--ports takes fixed or free, not: random");
  }

  @Test
  void rejectsAnUnknownService() {
    assertThatThrownBy(() -> Options.parse(List.of("--only=auth-service,billing"), repo))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--only: unknown service billing");
  }

  @Test
  void rejectsAnEmptyServiceList() {
    assertThatThrownBy(() -> Options.parse(List.of("--only=,"), repo))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--only needs at least one service");
  }

  @Test
  void rejectsAnOptionGivenTwice() {
    assertThatThrownBy(() -> Options.parse(List.of("--ports=free", "--ports=fixed"), repo))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("Option given twice: --ports");
  }

  @Test
  void rejectsARepoThatIsNoCheckout() throws IOException {
    Path notACheckout = Files.createDirectories(repo.resolve("empty"));

    assertThatThrownBy(() -> Options.parse(List.of("--repo=" + notACheckout), repo))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("holds no pom.xml and deploy/local");
  }
}
