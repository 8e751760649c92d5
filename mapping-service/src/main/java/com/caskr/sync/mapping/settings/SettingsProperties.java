package com.caskr.sync.mapping.settings;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * mapping.settings.*: how long a cached company setting is used before it is read again (the
 * longest time another instance's admin change takes to apply here).
 */
@ConfigurationProperties("mapping.settings")
public record SettingsProperties(@DefaultValue("30s") Duration maxAge) {

  public SettingsProperties {
    if (maxAge == null || maxAge.isNegative() || maxAge.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("mapping.settings.max-age must be between 0 and 1h");
    }
  }
}
