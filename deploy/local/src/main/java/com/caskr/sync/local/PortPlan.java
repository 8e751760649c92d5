package com.caskr.sync.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The port of every part of the stack, decided before anything starts.
 *
 * @param pubSub salesforce-emulator's Pub/Sub gRPC port; 0 when the emulator is not started
 */
record PortPlan(int kafka, int postgres, Map<Service, Integer> services, int pubSub) {

  static final int KAFKA_PORT = 9092;
  static final int POSTGRES_PORT = 15432;
  static final int PUBSUB_PORT = 7443;

  PortPlan {
    services = Map.copyOf(services);
  }

  static PortPlan of(PortMode mode, List<Service> services) {
    return switch (mode) {
      case FIXED -> fixed(services);
      case FREE -> free(services);
    };
  }

  static PortPlan fixed(List<Service> services) {
    Map<Service, Integer> ports = new EnumMap<>(Service.class);
    services.forEach(s -> ports.put(s, s.defaultPort()));
    return new PortPlan(
        KAFKA_PORT, POSTGRES_PORT, ports, services.contains(Service.EMULATOR) ? PUBSUB_PORT : 0);
  }

  /** Asks the kernel for free ports, holding each one open until all are chosen so none repeat. */
  static PortPlan free(List<Service> services) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int kafka = hold(held);
      int postgres = hold(held);
      Map<Service, Integer> ports = new EnumMap<>(Service.class);
      for (Service service : services) {
        ports.put(service, hold(held));
      }
      int pubSub = services.contains(Service.EMULATOR) ? hold(held) : 0;
      return new PortPlan(kafka, postgres, ports, pubSub);
    } finally {
      held.forEach(PortPlan::closeQuietly);
    }
  }

  int port(Service service) {
    return services.get(service);
  }

  /** Every port with who will listen on it, in start order. */
  Map<Integer, String> owners() {
    Map<Integer, String> owners = new LinkedHashMap<>();
    owners.put(kafka, "Kafka");
    owners.put(postgres, "PostgreSQL");
    for (Service service : Service.values()) {
      if (services.containsKey(service)) {
        owners.put(services.get(service), service.moduleName());
      }
    }
    if (pubSub > 0) {
      owners.put(pubSub, Service.EMULATOR.moduleName() + " Pub/Sub");
    }
    return owners;
  }

  /** Descriptions of the ports something else already listens on, e.g. "9092 (Kafka)". */
  List<String> busy() {
    List<String> busy = new ArrayList<>();
    owners()
        .forEach(
            (port, owner) -> {
              if (!isFree(port)) {
                busy.add(port + " (" + owner + ")");
              }
            });
    return busy;
  }

  /**
   * True when nothing listens on {@code port} on any address: binding the wildcard address fails if
   * a listener holds the port on the wildcard or on a single address such as 127.0.0.1.
   */
  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int hold(List<ServerSocket> held) {
    try {
      ServerSocket socket = new ServerSocket();
      held.add(socket);
      socket.bind(new InetSocketAddress(0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port", e);
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing listens on it yet; the port is free again either way.
    }
  }
}
