package com.caskr.sync.ingest.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The webhook benchmark's load generator: a few selector threads driving keep-alive HTTP/1.1
 * connections, one request in flight per connection (no pipelining), requests already serialised to
 * bytes, responses read only as far as the status line and their framing ({@code Content-Length} or
 * chunked). It replaces {@code java.net.http.HttpClient} with a virtual thread per request, which
 * took 15–19 % of the CPU samples of a run on the 2 cores it shares with the service, the broker
 * and PostgreSQL.
 *
 * <p>{@link #closedLoop} sends each connection's next request as soon as its answer arrived and
 * times it from its send. {@link #openLoop} sends request {@code i} at {@code start + i / rate}
 * whatever the answers are doing and times it from that scheduled instant, so a request that had to
 * wait for a free connection counts its wait (no coordinated omission).
 */
final class HttpLoad {

  /**
   * What a run saw: its length and, per request, the latency and status (0: no answer), and the
   * {@link System#nanoTime()} instants it was timed from (scheduled or, closed loop, dispatched),
   * its last byte was written and its answer was read.
   */
  record Outcome(
      long nanos,
      long[] latencies,
      int[] statuses,
      long[] timedFrom,
      long[] written,
      long[] answered) {}

  private final InetSocketAddress server;
  private final int selectors;
  private final int connections;

  /**
   * @param connections keep-alive connections, opened before the clock starts and spread over
   *     {@code selectors} threads
   */
  HttpLoad(InetSocketAddress server, int selectors, int connections) {
    if (selectors < 1 || connections < selectors) {
      throw new IllegalArgumentException("need at least one connection per selector thread");
    }
    this.server = server;
    this.selectors = selectors;
    this.connections = connections;
  }

  /** {@code GET path} as bytes. */
  static byte[] get(InetSocketAddress server, String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: " + host(server) + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code POST path} with {@code headers} (name, value, ...) and a JSON body, as bytes. */
  static byte[] postJson(InetSocketAddress server, String path, byte[] body, String... headers) {
    var head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host(server)).append("\r\n");
    head.append("Content-Type: application/json\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    byte[] start = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[start.length + body.length];
    System.arraycopy(start, 0, request, 0, start.length);
    System.arraycopy(body, 0, request, start.length, body.length);
    return request;
  }

  /** Every request as fast as the connections are answered. */
  Outcome closedLoop(List<byte[]> requests) throws IOException, InterruptedException {
    AtomicInteger next = new AtomicInteger();
    return run(requests, 0, next);
  }

  /** Request {@code i} sent at {@code start + i / rate}, timed from then. */
  Outcome openLoop(List<byte[]> requests, int rate) throws IOException, InterruptedException {
    return run(requests, 1_000_000_000L / rate, null);
  }

  private Outcome run(List<byte[]> requests, long interval, AtomicInteger next)
      throws IOException, InterruptedException {
    long[] latencies = new long[requests.size()];
    int[] statuses = new int[requests.size()];
    long[] timedFrom = new long[requests.size()];
    long[] written = new long[requests.size()];
    long[] answered = new long[requests.size()];
    List<Loop> loops = new ArrayList<>();
    try {
      for (int s = 0; s < selectors; s++) {
        int share = connections / selectors + (s < connections % selectors ? 1 : 0);
        int assigned = next != null ? 0 : (requests.size() - s + selectors - 1) / selectors;
        loops.add(
            new Loop(
                requests,
                new Timings(latencies, statuses, timedFrom, written, answered),
                next,
                assigned,
                share));
      }
      long start = System.nanoTime();
      List<Thread> threads = new ArrayList<>();
      for (int s = 0; s < loops.size(); s++) {
        threads.add(Thread.ofPlatform().name("http-load-" + s).start(loops.get(s)));
      }
      if (next == null) {
        for (int i = 0; i < requests.size(); i++) {
          long wait = start + i * interval - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          loops.get(i % loops.size()).arrive(i, start + i * interval);
        }
      }
      long end = start;
      for (int s = 0; s < threads.size(); s++) {
        threads.get(s).join();
        if (loops.get(s).failure != null) {
          throw new IOException("load generator failed", loops.get(s).failure);
        }
        end = Math.max(end, loops.get(s).lastAnswer);
      }
      return new Outcome(end - start, latencies, statuses, timedFrom, written, answered);
    } finally {
      for (Loop loop : loops) {
        loop.close();
      }
    }
  }

  private static String host(InetSocketAddress server) {
    return server.getHostString() + ":" + server.getPort();
  }

  /** Per request: what {@link Outcome} reports, filled in by the selector threads. */
  private record Timings(
      long[] latencies, int[] statuses, long[] timedFrom, long[] written, long[] answered) {}

  /** One selector thread and its connections. */
  private final class Loop implements Runnable {

    private final List<byte[]> requests;
    private final Timings timings;
    private final AtomicInteger next;
    private final int assigned;
    private final Selector selector;
    private final Queue<long[]> arrivals = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<long[]> waiting = new ArrayDeque<>();
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> all = new ArrayList<>();
    private int answered;
    private int inFlight;
    private boolean exhausted;
    private volatile long lastAnswer;
    private volatile Exception failure;

    Loop(List<byte[]> requests, Timings timings, AtomicInteger next, int assigned, int connections)
        throws IOException {
      this.requests = requests;
      this.timings = timings;
      this.next = next;
      this.assigned = assigned;
      this.selector = Selector.open();
      for (int c = 0; c < connections; c++) {
        idle.add(connect());
      }
    }

    /** Paced mode: request {@code index}, due at {@code scheduled}, is ready to be sent. */
    void arrive(int index, long scheduled) {
      arrivals.add(new long[] {index, scheduled});
      selector.wakeup();
    }

    @Override
    public void run() {
      try {
        while (!done()) {
          dispatch();
          if (done()) {
            break;
          }
          selector.select();
          for (SelectionKey key : selector.selectedKeys()) {
            Connection connection = (Connection) key.attachment();
            if (key.isValid() && key.isWritable()) {
              connection.write();
            }
            if (key.isValid() && key.isReadable()) {
              connection.read();
            }
          }
          selector.selectedKeys().clear();
        }
      } catch (IOException | RuntimeException e) {
        failure = e;
      }
    }

    private boolean done() {
      return next != null ? exhausted && inFlight == 0 : answered == assigned;
    }

    /** Gives idle connections the requests that are due. */
    private void dispatch() throws IOException {
      for (long[] arrival = arrivals.poll(); arrival != null; arrival = arrivals.poll()) {
        waiting.add(arrival);
      }
      while (!idle.isEmpty()) {
        int index;
        long timedFrom;
        if (next != null) {
          index = exhausted ? requests.size() : next.getAndIncrement();
          if (index >= requests.size()) {
            exhausted = true;
            return;
          }
          timedFrom = System.nanoTime();
        } else {
          long[] due = waiting.poll();
          if (due == null) {
            return;
          }
          index = (int) due[0];
          timedFrom = due[1];
        }
        idle.poll().send(index, timedFrom);
      }
    }

    private void answer(Connection connection, int index, long timedFrom, int status)
        throws IOException {
      long now = System.nanoTime();
      timings.latencies()[index] = now - timedFrom;
      timings.statuses()[index] = status;
      timings.timedFrom()[index] = timedFrom;
      timings.answered()[index] = now;
      lastAnswer = now;
      answered++;
      inFlight--;
      if (connection.reusable) {
        // Not read while idle: a connection the server closed fails the next request sent on it.
        connection.key.interestOps(0);
        idle.add(connection);
      } else {
        connection.close();
        idle.add(connect());
      }
      dispatch();
    }

    private Connection connect() throws IOException {
      SocketChannel channel = SocketChannel.open(server);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.configureBlocking(false);
      Connection connection = new Connection(channel);
      connection.key = channel.register(selector, 0, connection);
      all.add(connection);
      return connection;
    }

    void close() {
      for (Connection connection : all) {
        connection.close();
      }
      try {
        selector.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A keep-alive connection with at most one request in flight. */
    private final class Connection {

      private final SocketChannel channel;
      private SelectionKey key;
      private ByteBuffer out;
      private ByteBuffer in = ByteBuffer.allocate(4096);
      private int index;
      private long timedFrom;
      private boolean reusable;

      Connection(SocketChannel channel) {
        this.channel = channel;
      }

      void send(int index, long timedFrom) throws IOException {
        this.index = index;
        this.timedFrom = timedFrom;
        inFlight++;
        out = ByteBuffer.wrap(requests.get(index));
        in.clear();
        key.interestOps(SelectionKey.OP_READ);
        write();
      }

      void write() throws IOException {
        try {
          channel.write(out);
        } catch (IOException e) {
          fail();
          return;
        }
        if (!out.hasRemaining()) {
          timings.written()[index] = System.nanoTime();
        }
        key.interestOps(
            out.hasRemaining()
                ? SelectionKey.OP_READ | SelectionKey.OP_WRITE
                : SelectionKey.OP_READ);
      }

      void read() throws IOException {
        int read;
        try {
          read = channel.read(in);
        } catch (IOException e) {
          read = -1;
        }
        if (read < 0) {
          fail();
          return;
        }
        if (!in.hasRemaining()) {
          in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
        }
        HttpResponseFrame frame = HttpResponseFrame.of(in.array(), in.position());
        if (frame != null) {
          reusable = frame.keepAlive();
          answer(this, index, timedFrom, frame.status());
        }
      }

      /** The server closed or broke the connection: the request in flight has no answer. */
      private void fail() throws IOException {
        reusable = false;
        answer(this, index, timedFrom, 0);
      }

      void close() {
        try {
          key.cancel();
          channel.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** A complete HTTP/1.1 response's status and whether its connection stays open. */
  record HttpResponseFrame(int status, boolean keepAlive) {

    private static final byte[] CONTENT_LENGTH =
        "content-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING =
        "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION = "connection:".getBytes(StandardCharsets.US_ASCII);

    /** The response in {@code bytes[0, length)}, or null while it is incomplete. */
    static HttpResponseFrame of(byte[] bytes, int length) {
      int headersEnd = indexOf(bytes, 0, length, "\r\n\r\n");
      if (headersEnd < 0) {
        return null;
      }
      if (headersEnd < 12 || !startsWith(bytes, 0, "HTTP/1.1 ")) {
        throw new IllegalStateException("not an HTTP/1.1 response");
      }
      int status = (bytes[9] - '0') * 100 + (bytes[10] - '0') * 10 + (bytes[11] - '0');
      long contentLength = 0;
      boolean chunked = false;
      boolean keepAlive = true;
      for (int line = indexOf(bytes, 0, headersEnd, "\r\n") + 2; line < headersEnd; ) {
        int lineEnd = indexOf(bytes, line, headersEnd + 2, "\r\n");
        if (startsWithIgnoreCase(bytes, line, CONTENT_LENGTH)) {
          contentLength = Long.parseLong(value(bytes, line + CONTENT_LENGTH.length, lineEnd));
        } else if (startsWithIgnoreCase(bytes, line, TRANSFER_ENCODING)) {
          chunked = value(bytes, line + TRANSFER_ENCODING.length, lineEnd).contains("chunked");
        } else if (startsWithIgnoreCase(bytes, line, CONNECTION)) {
          keepAlive = !value(bytes, line + CONNECTION.length, lineEnd).equalsIgnoreCase("close");
        }
        line = lineEnd + 2;
      }
      int body = headersEnd + 4;
      if (!chunked) {
        return length - body >= contentLength ? new HttpResponseFrame(status, keepAlive) : null;
      }
      for (int chunk = body; ; ) {
        int sizeEnd = indexOf(bytes, chunk, length, "\r\n");
        if (sizeEnd < 0) {
          return null;
        }
        String size = value(bytes, chunk, sizeEnd);
        int extension = size.indexOf(';');
        long chunkLength = Long.parseLong(extension < 0 ? size : size.substring(0, extension), 16);
        if (chunkLength == 0) {
          // Trailers, if any, end with an empty line.
          return indexOf(bytes, sizeEnd, length, "\r\n\r\n") >= 0
              ? new HttpResponseFrame(status, keepAlive)
              : null;
        }
        chunk = (int) (sizeEnd + 2 + chunkLength + 2);
        if (chunk > length) {
          return null;
        }
      }
    }

    private static String value(byte[] bytes, int from, int to) {
      return new String(bytes, from, to - from, StandardCharsets.US_ASCII).strip();
    }

    private static boolean startsWith(byte[] bytes, int at, String prefix) {
      return indexOf(bytes, at, at + prefix.length(), prefix) == at;
    }

    private static boolean startsWithIgnoreCase(byte[] bytes, int at, byte[] lowerCasePrefix) {
      if (at + lowerCasePrefix.length > bytes.length) {
        return false;
      }
      for (int i = 0; i < lowerCasePrefix.length; i++) {
        if (Character.toLowerCase(bytes[at + i]) != lowerCasePrefix[i]) {
          return false;
        }
      }
      return true;
    }

    private static int indexOf(byte[] bytes, int from, int to, String needle) {
      outer:
      for (int i = from; i + needle.length() <= to; i++) {
        for (int j = 0; j < needle.length(); j++) {
          if (bytes[i + j] != needle.charAt(j)) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }
}
