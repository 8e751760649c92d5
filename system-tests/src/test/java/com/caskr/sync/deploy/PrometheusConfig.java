package com.caskr.sync.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The scrape jobs of deploy/prometheus/prometheus.yml (static targets only). */
record PrometheusConfig(List<ScrapeJob> jobs) {

  /** {@code metricsPath} is Prometheus' default /metrics when the job does not set one. */
  record ScrapeJob(String name, String metricsPath, List<String> targets) {}

  static PrometheusConfig read(Path file) {
    return of(YamlFiles.read(file));
  }

  static PrometheusConfig of(Map<String, Object> yaml) {
    List<ScrapeJob> jobs = new ArrayList<>();
    for (Object entry : YamlFiles.list(yaml.get("scrape_configs"))) {
      Map<String, Object> job = YamlFiles.map(entry);
      List<String> targets = new ArrayList<>();
      for (Object staticConfig : YamlFiles.list(job.get("static_configs"))) {
        YamlFiles.list(YamlFiles.map(staticConfig).get("targets"))
            .forEach(target -> targets.add(String.valueOf(target)));
      }
      jobs.add(
          new ScrapeJob(
              YamlFiles.string(job.get("job_name")),
              Optional.ofNullable(YamlFiles.string(job.get("metrics_path"))).orElse("/metrics"),
              List.copyOf(targets)));
    }
    return new PrometheusConfig(List.copyOf(jobs));
  }

  Optional<ScrapeJob> job(String name) {
    return jobs.stream().filter(job -> job.name().equals(name)).findFirst();
  }
}
