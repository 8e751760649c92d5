package com.caskr.sync.mapping.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** The local admin user the README documents signs in with the password it names. */
class LocalAdminUserTest {

  @Test
  void theDocumentedLocalPasswordMatchesTheConfiguredHash() {
    var yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yml"));
    String hash = yaml.getObject().getProperty("caskr.admin.users[0].password-hash");

    assertThat(hash).startsWith("{bcrypt}");
    assertThat(
            PasswordEncoderFactories.createDelegatingPasswordEncoder()
                .matches("caskr-local-admin", hash))
        .isTrue();
  }
}
