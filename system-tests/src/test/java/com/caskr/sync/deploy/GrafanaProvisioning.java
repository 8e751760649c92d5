package com.caskr.sync.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/grafana: provisioned datasources, dashboard providers and the dashboard JSON files.
 *
 * @param datasources every provisioned datasource, as its YAML map
 * @param dashboardPaths the {@code options.path} of every file dashboard provider
 * @param dashboards file name to parsed JSON, for every file that parses
 * @param unreadableDashboards file name to the parse error, for every file that does not
 */
record GrafanaProvisioning(
    List<Map<String, Object>> datasources,
    List<String> dashboardPaths,
    Map<String, JsonNode> dashboards,
    Map<String, String> unreadableDashboards) {

  static final String PROVISIONING = "deploy/grafana/provisioning";
  static final String DASHBOARDS = "deploy/grafana/dashboards";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static GrafanaProvisioning read(Path root) {
    List<Map<String, Object>> datasources = new ArrayList<>();
    for (Path file : yamlFiles(root.resolve(PROVISIONING).resolve("datasources"))) {
      YamlFiles.list(YamlFiles.read(file).get("datasources"))
          .forEach(datasource -> datasources.add(YamlFiles.map(datasource)));
    }
    List<String> dashboardPaths = new ArrayList<>();
    for (Path file : yamlFiles(root.resolve(PROVISIONING).resolve("dashboards"))) {
      for (Object provider : YamlFiles.list(YamlFiles.read(file).get("providers"))) {
        dashboardPaths.add(
            YamlFiles.string(YamlFiles.map(YamlFiles.map(provider).get("options")).get("path")));
      }
    }
    Map<String, JsonNode> dashboards = new LinkedHashMap<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    for (Path file : files(root.resolve(DASHBOARDS), ".json")) {
      String name = file.getFileName().toString();
      try {
        dashboards.put(name, JSON.readTree(Files.readString(file)));
      } catch (JacksonException e) {
        unreadable.put(name, e.getOriginalMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new GrafanaProvisioning(datasources, dashboardPaths, dashboards, unreadable);
  }

  /** A copy with {@code dashboard} in place of the file of that name. */
  GrafanaProvisioning withDashboard(String name, JsonNode dashboard) {
    Map<String, JsonNode> changed = new LinkedHashMap<>(dashboards);
    changed.put(name, dashboard);
    return new GrafanaProvisioning(datasources, dashboardPaths, changed, unreadableDashboards);
  }

  private static List<Path> yamlFiles(Path dir) {
    List<Path> found = new ArrayList<>(files(dir, ".yml"));
    found.addAll(files(dir, ".yaml"));
    return found;
  }

  private static List<Path> files(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
