package com.caskr.sync.emulator.pubsub;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;

/**
 * Failures as Salesforce's Pub/Sub API reports them: a gRPC status whose description ends with
 * {@code rpcId: <uuid>}, and trailers {@code error-code} (Salesforce's code, when there is one) and
 * {@code rpc-id}.
 */
final class Refusals {

  static final Metadata.Key<String> ERROR_CODE =
      Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> RPC_ID =
      Metadata.Key.of("rpc-id", Metadata.ASCII_STRING_MARSHALLER);

  static final String AUTH_ERROR = "sfdc.platform.eventbus.grpc.service.auth.error";
  static final String REPLAY_ID_CORRUPTED =
      "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted";

  private Refusals() {}

  static String rpcId() {
    return UUID.randomUUID().toString();
  }

  static StatusRuntimeException refuse(Status status, String errorCode, String message) {
    String rpcId = rpcId();
    var trailers = new Metadata();
    if (errorCode != null) {
      trailers.put(ERROR_CODE, errorCode);
    }
    trailers.put(RPC_ID, rpcId);
    return status.withDescription(message + " rpcId: " + rpcId).asRuntimeException(trailers);
  }

  static StatusRuntimeException unauthenticated(String message) {
    return refuse(Status.UNAUTHENTICATED, AUTH_ERROR, message);
  }

  /**
   * An expired, foreign or garbage replay id. The status is a guess: Salesforce documents only the
   * error-code; Camel's client (which keys on the error-code) is indifferent, and INVALID_ARGUMENT
   * is what a bad request field means in gRPC.
   */
  static StatusRuntimeException replayIdCorrupted() {
    return refuse(
        Status.INVALID_ARGUMENT,
        REPLAY_ID_CORRUPTED,
        "The Replay ID validation failed: invalid or outside the retention window.");
  }

  static StatusRuntimeException invalidArgument(String message) {
    return refuse(Status.INVALID_ARGUMENT, null, message);
  }

  /**
   * A topic or schema the org does not have. The reference is silent; NOT_FOUND is our guess for a
   * well-formed name that does not exist (a malformed one is INVALID_ARGUMENT).
   */
  static StatusRuntimeException notFound(String message) {
    return refuse(Status.NOT_FOUND, null, message);
  }
}
