package com.caskr.sync.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
public class SalesforceEmulatorApplication {

  private static final String SECURITY = "org.springframework.boot.security.autoconfigure.";

  public static void main(String[] args) {
    SpringApplication.run(SalesforceEmulatorApplication.class, args);
  }

  /**
   * Starts the emulator inside another program's JVM (tests, benchmarks): HTTP and Pub/Sub on free
   * ports of 127.0.0.1, the emulator's own application.yml even when the host has one, and no
   * database, Kafka or Spring Security auto-configuration the host's classpath might bring.
   * Settings are command-line arguments because {@link SpringApplicationBuilder#properties} rank
   * below application.yml (whose ports are 8090 and 7443); {@code extraArguments} come last and
   * win.
   */
  public static ConfigurableApplicationContext startInProcess(String... extraArguments) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--spring.config.location=" + ownConfiguration(),
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--emulator.pubsub.port=0",
                "--spring.main.banner-mode=off",
                "--spring.autoconfigure.exclude="
                    + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                    + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
                    + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
                    // A host with admin-security (or Spring Security) would lock every emulator
                    // endpoint behind its own login; the emulator guards its admin API itself.
                    + "com.caskr.sync.adminsecurity.AdminSecurityConfiguration,"
                    + SECURITY
                    + "SecurityAutoConfiguration,"
                    + SECURITY
                    + "UserDetailsServiceAutoConfiguration,"
                    + SECURITY
                    + "actuate.web.servlet.ManagementWebSecurityAutoConfiguration,"
                    + SECURITY
                    + "web.servlet.SecurityFilterAutoConfiguration,"
                    + SECURITY
                    + "web.servlet.ServletWebSecurityAutoConfiguration"));
    arguments.addAll(List.of(extraArguments));
    return new SpringApplicationBuilder(SalesforceEmulatorApplication.class)
        .run(arguments.toArray(String[]::new));
  }

  /** This jar's (or classes directory's) application.yml, not the first one on the classpath. */
  private static String ownConfiguration() {
    String home =
        SalesforceEmulatorApplication.class
            .getProtectionDomain()
            .getCodeSource()
            .getLocation()
            .toString();
    try {
      return Collections.list(
              SalesforceEmulatorApplication.class.getClassLoader().getResources("application.yml"))
          .stream()
          .map(URL::toString)
          .filter(url -> url.contains(home))
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("the emulator's application.yml is missing"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
