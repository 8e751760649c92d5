package com.caskr.sync.local;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the launcher has started, stopped in reverse order by the shutdown hook: the services first
 * (they still talk to Kafka and PostgreSQL while shutting down), then Kafka and PostgreSQL.
 */
final class Teardown {

  /** How long the hook waits for a start in progress (a pg_ctl start, a broker start-up). */
  private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(60);

  @FunctionalInterface
  interface Starter<T extends AutoCloseable> {
    T start() throws Exception;
  }

  private record Part(String name, AutoCloseable closeable) {}

  private final Deque<Part> parts = new ArrayDeque<>();
  private int starting;
  private boolean stopping;

  /**
   * Starts a part and registers it for the hook. A Ctrl-C arriving meanwhile waits for the start to
   * finish, so a PostgreSQL half-way through start-up is stopped too instead of left running.
   *
   * @throws StartFailure if the hook already runs
   */
  <T extends AutoCloseable> T start(String name, Starter<T> starter) throws Exception {
    synchronized (this) {
      if (stopping) {
        throw new StartFailure("Stopping: " + name + " not started.");
      }
      starting++;
    }
    T started = null;
    try {
      started = starter.start();
      return started;
    } finally {
      synchronized (this) {
        starting--;
        if (started != null) {
          parts.push(new Part(name, started));
        }
        notifyAll();
      }
    }
  }

  synchronized boolean isStopping() {
    return stopping;
  }

  /** Called once, from the shutdown hook. */
  void stopAll() {
    List<Part> toStop;
    synchronized (this) {
      stopping = true;
      long deadline = System.nanoTime() + IN_FLIGHT_WAIT.toNanos();
      while (starting > 0 && System.nanoTime() < deadline) {
        try {
          wait(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      toStop = new ArrayList<>(parts);
      parts.clear();
    }
    for (Part part : toStop) {
      try {
        part.closeable().close();
      } catch (Exception e) {
        System.err.println("Could not stop " + part.name() + ": " + e);
      }
    }
  }
}
