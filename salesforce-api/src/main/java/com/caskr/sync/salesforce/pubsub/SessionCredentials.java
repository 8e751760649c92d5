package com.caskr.sync.salesforce.pubsub;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The credentials a client currently uses, put on every call as {@code accesstoken}, {@code
 * instanceurl} and {@code tenantid} metadata with a fresh {@code x-client-trace-id}.
 */
final class SessionCredentials implements ClientInterceptor {

  private static final Metadata.Key<String> ACCESS_TOKEN = key("accesstoken");
  private static final Metadata.Key<String> INSTANCE_URL = key("instanceurl");
  private static final Metadata.Key<String> TENANT_ID = key("tenantid");
  private static final Metadata.Key<String> TRACE_ID = key("x-client-trace-id");

  private final CredentialsSource source;
  private final AtomicReference<PubSubCredentials> current = new AtomicReference<>();

  SessionCredentials(CredentialsSource source) {
    this.source = source;
  }

  PubSubCredentials current() {
    return current.updateAndGet(held -> held != null ? held : source.current());
  }

  void refresh() {
    current.set(source.refresh());
  }

  /** A channel to {@code endpoint} whose calls carry these credentials. */
  ManagedChannel channelTo(Endpoint endpoint) {
    var builder = NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port()).intercept(this);
    return (endpoint.plaintext() ? builder.usePlaintext() : builder.useTransportSecurity()).build();
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        PubSubCredentials credentials = current();
        headers.put(ACCESS_TOKEN, credentials.accessToken());
        headers.put(INSTANCE_URL, credentials.instanceUrl());
        headers.put(TENANT_ID, credentials.tenantId());
        headers.put(TRACE_ID, UUID.randomUUID().toString());
        super.start(listener, headers);
      }
    };
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }
}
