package com.caskr.sync.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryRootTest {

  @TempDir Path dir;

  @Test
  void findsTheCheckoutFromItsRoot() throws IOException {
    Path repo = aCheckoutIn(dir);

    assertThat(RepositoryRoot.above(repo)).isEqualTo(repo);
  }

  @Test
  void findsTheCheckoutFromADirectoryDeepInside() throws IOException {
    Path repo = aCheckoutIn(dir);
    Path deep = Files.createDirectories(repo.resolve("deploy/local/src/main/java"));

    assertThat(RepositoryRoot.above(deep)).isEqualTo(repo);
  }

  @Test
  void skipsAModulePomOnTheWayUp() throws IOException {
    Path repo = aCheckoutIn(dir);
    Path module = Files.createDirectories(repo.resolve("auth-service/src"));
    Files.writeString(repo.resolve("auth-service/pom.xml"), "<project/>");

    assertThat(RepositoryRoot.above(module)).isEqualTo(repo);
  }

  @Test
  void findsTheNearestCheckoutWhenOneHoldsAnother() throws IOException {
    Path outer = aCheckoutIn(dir);
    Path inner = aCheckoutIn(Files.createDirectories(outer.resolve("vendor/copy")));

    assertThat(RepositoryRoot.above(inner.resolve("deploy"))).isEqualTo(inner);
  }

  @Test
  void explainsWhatToDoOutsideACheckout() throws IOException {
    Path nowhere = Files.createDirectories(dir.resolve("nowhere"));

    assertThatThrownBy(() -> RepositoryRoot.above(nowhere))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("pass --repo=<dir>");
  }

  private static Path aCheckoutIn(Path parent) throws IOException {
    Files.writeString(parent.resolve("pom.xml"), "<project/>");
    Files.createDirectories(parent.resolve("deploy/local"));
    return parent;
  }
}
