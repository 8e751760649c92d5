package com.caskr.sync.local;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One Spring Boot jar running as a child process, its output in its own log file. */
final class ServiceProcess {

  /**
   * Small heaps so six JVMs fit beside each other; C1 only and the serial collector because on a
   * 2-core machine start-up time is CPU time, and C2 and G1's threads compete with the other JVMs
   * (auth-service alone: 14.5 s to started with the defaults, 9.5 s with these).
   */
  private static final List<String> JVM_OPTIONS =
      List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private final Service service;
  private final ExtractedService extracted;
  private final boolean archiveExisted;
  private final int port;
  private final Path log;
  private final Process process;
  private volatile boolean up;

  private ServiceProcess(
      Service service,
      ExtractedService extracted,
      boolean archiveExisted,
      int port,
      Path log,
      Process process) {
    this.service = service;
    this.extracted = extracted;
    this.archiveExisted = archiveExisted;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  static ServiceProcess launch(
      Service service,
      ExtractedService extracted,
      int port,
      Map<String, String> environment,
      Path log)
      throws IOException {
    boolean archiveExisted = Files.exists(extracted.classDataArchive());
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add(java.toString());
    builder.command().addAll(JVM_OPTIONS);
    builder.command().addAll(extracted.jvmOptions());
    builder.command().addAll(List.of("-jar", extracted.jar().toString()));
    builder.environment().putAll(environment);
    builder.environment().put("SERVER_PORT", Integer.toString(port));
    builder.redirectErrorStream(true);
    builder.redirectOutput(Redirect.appendTo(log.toFile()));
    Process process = builder.start();
    process.getOutputStream().close(); // nothing to say on its stdin
    return new ServiceProcess(service, extracted, archiveExisted, port, log, process);
  }

  Service service() {
    return service;
  }

  String name() {
    return service.moduleName();
  }

  int port() {
    return port;
  }

  Path log() {
    return log;
  }

  Process process() {
    return process;
  }

  void markUp() {
    up = true;
  }

  boolean isUp() {
    return up;
  }

  /**
   * Called once the process is gone. A JVM that started without an archive wrote one at exit; if it
   * never got to UP, that archive holds only the classes of a failed or interrupted start, and if
   * it was killed, the archive may be cut short. Without it, the next start records a full one.
   */
  void discardPartialClassDataArchive(boolean killed) {
    if (!archiveExisted && (killed || !up)) {
      try {
        Files.deleteIfExists(extracted.classDataArchive());
      } catch (IOException e) {
        // A partial archive only makes the next start slower.
      }
    }
  }

  String baseUrl() {
    return "http://localhost:" + port;
  }

  /** The last lines of the log, to show why a service did not come up. */
  List<String> logTail(int lines) {
    try {
      List<String> all =
          new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
      return all.subList(Math.max(0, all.size() - lines), all.size());
    } catch (IOException e) {
      return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
    }
  }
}
