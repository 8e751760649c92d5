package com.caskr.sync.emulator.pubsub;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * The plaintext gRPC server of the Pub/Sub API (Salesforce uses TLS on 7443; see the README),
 * started and stopped with the application context.
 */
public final class PubSubServer implements SmartLifecycle {

  private final int configuredPort;
  private final BindableService service;
  private final PubSubGate gate;
  private final ExecutorService[] executors;
  private volatile Server server;

  PubSubServer(int port, BindableService service, PubSubGate gate, ExecutorService... executors) {
    this.configuredPort = port;
    this.service = service;
    this.gate = gate;
    this.executors = executors;
  }

  /** The bound port (useful with {@code emulator.pubsub.port=0}); -1 when not running. */
  public int port() {
    Server running = server;
    return running == null ? -1 : running.getPort();
  }

  @Override
  public synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress(configuredPort))
              .addService(ServerInterceptors.intercept(service, gate))
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the Pub/Sub server on " + configuredPort, e);
    }
  }

  @Override
  public synchronized void stop() {
    Server running = server;
    if (running == null) {
      return;
    }
    server = null;
    running.shutdown();
    try {
      if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
        running.shutdownNow();
      }
    } catch (InterruptedException e) {
      running.shutdownNow();
      Thread.currentThread().interrupt();
    }
    for (ExecutorService executor : executors) {
      executor.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }
}
