package com.caskr.sync.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The service processes of the stack: launched side by side, stopped side by side. */
final class ServiceProcesses implements AutoCloseable {

  /**
   * Spring Boot's graceful shutdown takes a few seconds; writing the class-data archive after a
   * first run up to about 15 s more on a busy 2-core machine. This is the outer bound.
   */
  private static final Duration GRACE = Duration.ofSeconds(30);

  private static final Duration AFTER_KILL = Duration.ofSeconds(5);

  private final LeftoverProcesses leftovers;
  private final List<ServiceProcess> launched = new ArrayList<>();
  private boolean closed;

  ServiceProcesses(LeftoverProcesses leftovers) {
    this.leftovers = leftovers;
  }

  /** Synchronized with {@link #close()}: a service is either stopped by it or never launched. */
  synchronized ServiceProcess launch(
      Service service,
      ExtractedService extracted,
      int port,
      Map<String, String> environment,
      Path log)
      throws IOException {
    if (closed) {
      throw new StartFailure("Stopping: " + service.moduleName() + " not started.");
    }
    ServiceProcess process = ServiceProcess.launch(service, extracted, port, environment, log);
    launched.add(process);
    leftovers.remember(process.name(), process.process().toHandle());
    return process;
  }

  /**
   * SIGTERM to every service (Spring Boot then shuts down gracefully), SIGKILL to whatever still
   * runs after {@link #GRACE}, and the same for any process a service started: those would
   * otherwise survive their parent.
   */
  @Override
  public void close() {
    List<ServiceProcess> toStop;
    synchronized (this) {
      closed = true;
      toStop = List.copyOf(launched);
    }
    List<ProcessHandle> descendants =
        toStop.stream().flatMap(s -> s.process().descendants()).toList();
    toStop.forEach(s -> s.process().destroy());
    Set<ServiceProcess> killed = new HashSet<>();
    if (!awaitExit(toStop.stream().map(s -> s.process().toHandle()).toList(), GRACE)) {
      for (ServiceProcess service : toStop) {
        if (service.process().isAlive()) {
          System.err.println(
              service.name() + " did not stop within " + GRACE.toSeconds() + " s: killing it.");
          service.process().destroyForcibly();
          killed.add(service);
        }
      }
    }
    List<ProcessHandle> orphans =
        new ArrayList<>(toStop.stream().flatMap(s -> s.process().descendants()).toList());
    orphans.addAll(descendants);
    orphans.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    List<ProcessHandle> all = new ArrayList<>(orphans);
    toStop.forEach(s -> all.add(s.process().toHandle()));
    awaitExit(all, AFTER_KILL);
    toStop.forEach(s -> s.discardPartialClassDataArchive(killed.contains(s)));
  }

  private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
    CompletableFuture<?> exited =
        CompletableFuture.allOf(
            processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new));
    try {
      exited.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }
}
