package com.caskr.sync.schema;

import com.caskr.sync.schema.events.SyncEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The golden samples under src/test/resources/golden/&lt;event&gt;/v&lt;n&gt;/*.json. */
public final class GoldenSamples {

  private GoldenSamples() {}

  public record Sample(String event, int version, String name, Path path) {

    /** The record type the sample's folder names; fails if the folder names no event. */
    public Class<? extends SyncEvent> type() {
      var type = Contracts.eventTypesByFileName().get(event);
      if (type == null) {
        throw new IllegalStateException("golden/" + event + " names no SyncEvent record");
      }
      return type;
    }

    public String json() {
      try {
        return Files.readString(path, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return event + "/v" + version + "/" + name;
    }
  }

  public static List<Sample> all() {
    Path root = root();
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(file -> file.toString().endsWith(".json"))
          .map(file -> sample(root, file))
          .sorted(Comparator.comparing(Sample::toString))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Sample sample(Path root, Path file) {
    Path relative = root.relativize(file);
    if (relative.getNameCount() != 3 || !relative.getName(1).toString().matches("v[1-9][0-9]*")) {
      throw new IllegalStateException("Golden samples live in <event>/v<n>/<name>.json: " + file);
    }
    String name = relative.getName(2).toString();
    return new Sample(
        relative.getName(0).toString(),
        Integer.parseInt(relative.getName(1).toString().substring(1)),
        name.substring(0, name.length() - ".json".length()),
        file);
  }

  private static Path root() {
    try {
      var url = GoldenSamples.class.getClassLoader().getResource("golden");
      if (url == null) {
        throw new IllegalStateException("No golden/ directory on the test classpath");
      }
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
