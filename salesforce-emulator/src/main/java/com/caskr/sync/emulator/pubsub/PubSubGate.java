package com.caskr.sync.emulator.pubsub;

import com.caskr.sync.emulator.oauth.Sessions;
import com.caskr.sync.emulator.oauth.Sessions.Session;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.util.Optional;

/**
 * What every Pub/Sub call passes first: metadata {@code accesstoken} must be a live session with
 * API access, {@code tenantid} the org that session belongs to, and {@code instanceurl} present.
 * Otherwise the call ends UNAUTHENTICATED with error-code {@code
 * sfdc.platform.eventbus.grpc.service.auth.error}. The token never appears in a message or log.
 */
final class PubSubGate implements ServerInterceptor {

  static final Context.Key<Org> ORG = Context.key("pubsub-org");
  static final Context.Key<Session> SESSION = Context.key("pubsub-session");

  private static final Metadata.Key<String> ACCESS_TOKEN =
      Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> INSTANCE_URL =
      Metadata.Key.of("instanceurl", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> TENANT_ID =
      Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER);

  private final Sessions sessions;
  private final Orgs orgs;

  PubSubGate(Sessions sessions, Orgs orgs) {
    this.sessions = sessions;
    this.orgs = orgs;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String token = headers.get(ACCESS_TOKEN);
    String tenant = headers.get(TENANT_ID);
    String instanceUrl = headers.get(INSTANCE_URL);
    if (token == null || token.isBlank() || tenant == null || instanceUrl == null) {
      return refuse(call, "Missing accesstoken, instanceurl or tenantid metadata.");
    }
    Optional<Session> session = sessions.authenticate(token.trim());
    Optional<Org> org = orgs.byId(tenant.trim());
    if (session.isEmpty() || !session.get().mayCallApi()) {
      return refuse(call, "Invalid or expired session.");
    }
    if (org.isEmpty()
        || !org.get().id().equals(orgs.byId(session.get().orgId()).map(Org::id).orElse(null))) {
      return refuse(call, "The session does not belong to the tenant.");
    }
    Context context = Context.current().withValues(ORG, org.get(), SESSION, session.get());
    return Contexts.interceptCall(context, call, headers, next);
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String message) {
    StatusRuntimeException refusal = Refusals.unauthenticated(message);
    call.close(refusal.getStatus(), refusal.getTrailers());
    return new ServerCall.Listener<>() {};
  }
}
