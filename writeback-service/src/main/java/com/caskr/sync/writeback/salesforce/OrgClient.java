package com.caskr.sync.writeback.salesforce;

import com.caskr.sync.salesforce.errors.ConnectionFailed;
import com.caskr.sync.salesforce.errors.EntityDeleted;
import com.caskr.sync.salesforce.errors.NotFound;
import com.caskr.sync.salesforce.errors.RequestLimitExceeded;
import com.caskr.sync.salesforce.errors.RowLocked;
import com.caskr.sync.salesforce.errors.SalesforceException;
import com.caskr.sync.salesforce.errors.ServiceUnavailable;
import com.caskr.sync.salesforce.errors.SessionExpired;
import com.caskr.sync.salesforce.errors.TokenRequestFailed;
import com.caskr.sync.salesforce.errors.ValidationFailed;
import com.caskr.sync.salesforce.rest.RowResult;
import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.salesforce.rest.Soql;
import com.caskr.sync.writeback.plan.Batches;
import com.caskr.sync.writeback.plan.CallFailed;
import com.caskr.sync.writeback.plan.RowOutcome;
import com.caskr.sync.writeback.plan.SalesforceOrg;
import com.caskr.sync.writeback.plan.SalesforceState;
import com.caskr.sync.writeback.plan.Target;
import com.caskr.sync.writeback.plan.Write;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link SalesforceOrg} over salesforce-api's REST client: every call carries {@code
 * Sforce-Call-Options: client=caskr-sync} (the connection's default), so the CDC echo of a write is
 * recognisable; errors become the retry policy's terms.
 */
final class OrgClient implements SalesforceOrg {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<Map<String, Object>>> ROWS = new TypeReference<>() {};

  private final String orgId;
  private final SalesforceRestClient rest;

  OrgClient(String orgId, SalesforceRestClient rest) {
    this.orgId = orgId;
    this.rest = rest;
  }

  @Override
  public String orgId() {
    return orgId;
  }

  @Override
  public Map<String, SalesforceState> retrieve(
      Target target, Collection<String> fields, Collection<String> ids) {
    List<String> columns = new ArrayList<>(List.of("Id", "SystemModstamp"));
    fields.stream().filter(field -> !columns.contains(field)).forEach(columns::add);
    List<String> all = List.copyOf(ids);
    Map<String, SalesforceState> found = new HashMap<>();
    for (int from = 0; from < all.size(); from += Batches.RETRIEVE_LIMIT) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + Batches.RETRIEVE_LIMIT));
      String body = JSON.writeValueAsString(Map.of("ids", chunk, "fields", columns));
      String answer;
      try {
        answer =
            rest.connection()
                .send(
                    "POST",
                    rest.connection().dataPath("/composite/sobjects/" + target.sobject()),
                    body,
                    Map.of())
                .body();
      } catch (SalesforceException e) {
        throw failed(e);
      }
      for (Map<String, Object> row : JSON.readValue(answer, ROWS)) {
        if (row != null) {
          Map<String, Object> values = new HashMap<>(row);
          values.remove("attributes");
          found.put(
              (String) row.get("Id"),
              new SalesforceState(values, modstamp(row.get("SystemModstamp"))));
        }
      }
    }
    return found;
  }

  @Override
  public List<RowOutcome> send(Batches.Batch batch) {
    List<Map<String, Object>> records = batch.writes().stream().map(Write::record).toList();
    List<RowResult> results;
    try {
      results =
          batch.upsert()
              ? rest.upsertAll(
                  batch.target().sobject(), batch.target().externalIdField(), records, false)
              : rest.updateAll(batch.target().sobject(), records, false);
    } catch (SalesforceException e) {
      throw failed(e);
    }
    List<RowOutcome> outcomes = new ArrayList<>(results.size());
    for (RowResult result : results) {
      outcomes.add(outcome(result));
    }
    return outcomes;
  }

  @Override
  public Optional<Usage> usage() {
    return rest.apiUsage().map(usage -> new Usage(usage.used(), usage.max()));
  }

  private static RowOutcome outcome(RowResult result) {
    if (result.success()) {
      return new RowOutcome.Written(result.id().value(), Boolean.TRUE.equals(result.created()));
    }
    SalesforceException failure = result.failure().orElseThrow();
    String code = failure.errorCode();
    String message = failure.errors().isEmpty() ? "" : failure.errors().getFirst().message();
    return switch (failure) {
      case EntityDeleted deleted -> new RowOutcome.Gone(code, message);
      case NotFound notFound -> new RowOutcome.Gone(code, message);
      case ValidationFailed invalid -> new RowOutcome.Invalid(code, message);
      case RowLocked locked -> new RowOutcome.Locked(message);
      default -> new RowOutcome.Failed(code, message, failure.retryable());
    };
  }

  private static CallFailed failed(SalesforceException e) {
    CallFailed.Reason reason =
        switch (e) {
          case RequestLimitExceeded limit -> CallFailed.Reason.LIMIT_EXCEEDED;
          case ServiceUnavailable unavailable -> CallFailed.Reason.UNAVAILABLE;
          case ConnectionFailed connection -> CallFailed.Reason.UNAVAILABLE;
          case SessionExpired expired -> CallFailed.Reason.NOT_AUTHORISED;
          case TokenRequestFailed token -> CallFailed.Reason.NOT_AUTHORISED;
          default ->
              e.status() >= 500 || e.retryable()
                  ? CallFailed.Reason.UNAVAILABLE
                  : CallFailed.Reason.REFUSED;
        };
    return new CallFailed(reason, e.getMessage(), e);
  }

  private static Instant modstamp(Object value) {
    if (value instanceof String text) {
      return Soql.parseDateTime(text);
    }
    return value instanceof OffsetDateTime time ? time.toInstant() : Instant.EPOCH;
  }
}
