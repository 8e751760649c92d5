package com.caskr.sync.salesforce.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.salesforce.pubsub.ServerErrors.Outcome;
import io.grpc.Metadata;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

class ServerErrorsTest {

  @Test
  void readsTheErrorCodeTrailer() {
    var trailers = new Metadata();
    trailers.put(ServerErrors.ERROR_CODE, "sfdc.platform.eventbus.grpc.service.auth.error");
    var failure = Status.UNAUTHENTICATED.asRuntimeException(trailers);

    assertThat(ServerErrors.errorCode(failure))
        .isEqualTo("sfdc.platform.eventbus.grpc.service.auth.error");
    assertThat(ServerErrors.errorCode(Status.UNAVAILABLE.asRuntimeException())).isNull();
  }

  @Test
  void treatsACorruptedReplayIdAsReplayRejectedWhateverTheStatus() {
    for (var code : new Status.Code[] {Status.Code.INVALID_ARGUMENT, Status.Code.UNKNOWN}) {
      assertThat(
              ServerErrors.classify(
                  code, "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted"))
          .isEqualTo(Outcome.REPLAY_ID_REJECTED);
    }
  }

  @Test
  void refreshesCredentialsOnAuthErrors() {
    assertThat(ServerErrors.classify(Status.Code.UNAUTHENTICATED, null))
        .isEqualTo(Outcome.REFRESH_CREDENTIALS);
    assertThat(
            ServerErrors.classify(
                Status.Code.PERMISSION_DENIED,
                "sfdc.platform.eventbus.grpc.service.auth.refresh.invalid"))
        .isEqualTo(Outcome.REFRESH_CREDENTIALS);
  }

  @Test
  void retriesTransientFailuresAndStopsOnRequestErrors() {
    assertThat(ServerErrors.classify(Status.Code.UNAVAILABLE, null)).isEqualTo(Outcome.RETRY);
    assertThat(ServerErrors.classify(Status.Code.INTERNAL, null)).isEqualTo(Outcome.RETRY);
    assertThat(ServerErrors.classify(Status.Code.OK, null)).isEqualTo(Outcome.RETRY);
    assertThat(ServerErrors.classify(Status.Code.NOT_FOUND, null)).isEqualTo(Outcome.STOP);
    assertThat(ServerErrors.classify(Status.Code.INVALID_ARGUMENT, null)).isEqualTo(Outcome.STOP);
  }
}
