package com.caskr.sync.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;

/**
 * The application.yml of one service's jar (or classes directory), for {@code
 * --spring.config.location}: every service and the emulator on the benchmarks' classpath has one,
 * and Spring would otherwise read the first it finds.
 */
final class OwnConfiguration {

  private OwnConfiguration() {}

  static String of(Class<?> application) {
    String home = application.getProtectionDomain().getCodeSource().getLocation().toString();
    try {
      return Collections.list(application.getClassLoader().getResources("application.yml")).stream()
          .map(URL::toString)
          .filter(url -> url.contains(home))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "No application.yml beside " + application.getName() + " in " + home));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
