package com.caskr.sync.auth.tokenapi;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The services allowed to call the internal token API ({@code auth.internal.callers.<service>=
 * <secret>}, each secret at least 32 bytes; ADR 0010). With none configured every call is refused.
 */
@ConfigurationProperties("auth.internal")
public record InternalApiProperties(Map<String, String> callers) {

  public InternalApiProperties {
    callers = callers == null ? Map.of() : Map.copyOf(callers);
  }

  @Override
  public String toString() {
    return "InternalApiProperties[callers=" + callers.keySet() + ", secrets=[redacted]]";
  }
}
