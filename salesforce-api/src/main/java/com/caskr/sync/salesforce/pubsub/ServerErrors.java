package com.caskr.sync.salesforce.pubsub;

import io.grpc.Metadata;
import io.grpc.Status;

/**
 * Reads Salesforce's {@code error-code} trailer and decides what a failed call calls for (§4.2).
 */
final class ServerErrors {

  static final Metadata.Key<String> ERROR_CODE =
      Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);

  /** What to do after a call failed. */
  enum Outcome {
    RETRY,
    REFRESH_CREDENTIALS,
    REPLAY_ID_REJECTED,
    STOP
  }

  private ServerErrors() {}

  static String errorCode(Throwable failure) {
    Metadata trailers = Status.trailersFromThrowable(failure);
    return trailers == null ? null : trailers.get(ERROR_CODE);
  }

  static Outcome classify(Status.Code code, String errorCode) {
    String error = errorCode == null ? "" : errorCode;
    if (error.endsWith(".replayid.corrupted") || error.endsWith(".replayid.validation.failed")) {
      return Outcome.REPLAY_ID_REJECTED;
    }
    if (code == Status.Code.UNAUTHENTICATED || error.contains(".service.auth.")) {
      return Outcome.REFRESH_CREDENTIALS;
    }
    return switch (code) {
      case OK,
          CANCELLED,
          UNKNOWN,
          DEADLINE_EXCEEDED,
          RESOURCE_EXHAUSTED,
          ABORTED,
          INTERNAL,
          UNAVAILABLE,
          DATA_LOSS ->
          Outcome.RETRY;
      case INVALID_ARGUMENT,
          NOT_FOUND,
          ALREADY_EXISTS,
          PERMISSION_DENIED,
          FAILED_PRECONDITION,
          OUT_OF_RANGE,
          UNIMPLEMENTED,
          UNAUTHENTICATED ->
          Outcome.STOP;
    };
  }
}
