package com.caskr.sync.emulator.outbound;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real outbound-message listener on a random port: records every request and answers from a
 * script, then with the default reply.
 */
final class SoapListener implements AutoCloseable {

  /** How to answer one request. */
  enum Reply {
    ACK_TRUE,
    ACK_FALSE,
    SERVER_ERROR,
    SOAP_FAULT,
    /** Answers only after the sender's request timeout. */
    HANG
  }

  record Received(Instant at, String contentType, String soapAction, String body) {}

  static final String ACK_TRUE =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
       <soapenv:Body>
        <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">
         <Ack>true</Ack>
        </notificationsResponse>
       </soapenv:Body>
      </soapenv:Envelope>
      """;

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final BlockingDeque<Reply> script = new LinkedBlockingDeque<>();
  private final AtomicReference<Reply> otherwise = new AtomicReference<>(Reply.ACK_TRUE);
  private final CountDownLatch closing = new CountDownLatch(1);

  SoapListener() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/outbound";
  }

  SoapListener thenReply(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  void otherwiseReply(Reply reply) {
    otherwise.set(reply);
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(
        new Received(
            Instant.now(),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestHeaders().getFirst("SOAPAction"),
            body));
    Reply reply = script.pollFirst();
    switch (reply == null ? otherwise.get() : reply) {
      case ACK_TRUE -> respond(exchange, 200, ACK_TRUE);
      case ACK_FALSE -> respond(exchange, 200, ACK_TRUE.replace(">true<", ">false<"));
      case SERVER_ERROR -> respond(exchange, 500, "oops");
      case SOAP_FAULT ->
          respond(
              exchange,
              200,
              """
              <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
               <soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode>
               <faultstring>busy</faultstring></soapenv:Fault></soapenv:Body>
              </soapenv:Envelope>
              """);
      case HANG -> {
        try {
          closing.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        respond(exchange, 200, ACK_TRUE);
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
    try {
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (IOException e) {
      // The sender gave up on this request (timeout); nothing left to answer.
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
