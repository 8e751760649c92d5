package com.caskr.sync.emulator.admin;

import com.caskr.sync.emulator.oauth.ConnectedApps;
import com.caskr.sync.emulator.org.Orgs;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Snapshots: restored while the context starts (before any request is served) when the file exists,
 * replacing the seeded demo org; written again on a graceful shutdown when configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SnapshotSettings.class)
class SnapshotConfiguration {

  @Bean
  Snapshots snapshots(Orgs orgs, ConnectedApps apps, SnapshotSettings settings) {
    var snapshots = new Snapshots(orgs, apps, settings);
    snapshots.restore();
    return snapshots;
  }

  @Bean
  SaveOnShutdown saveOnShutdown(Snapshots snapshots, SnapshotSettings settings) {
    return new SaveOnShutdown(snapshots, settings.saveOnShutdown());
  }

  /** Writes a snapshot when the context closes, if asked to. */
  static final class SaveOnShutdown implements org.springframework.beans.factory.DisposableBean {
    private final Snapshots snapshots;
    private final boolean enabled;

    SaveOnShutdown(Snapshots snapshots, boolean enabled) {
      this.snapshots = snapshots;
      this.enabled = enabled;
    }

    @Override
    public void destroy() {
      if (enabled && snapshots.enabled()) {
        snapshots.save();
      }
    }
  }
}
