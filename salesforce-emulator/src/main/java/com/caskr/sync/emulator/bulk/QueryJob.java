package com.caskr.sync.emulator.bulk;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Bulk API 2.0 query job. The query runs when the job is created (so a bad query is refused
 * then, as Salesforce does); the job still reports {@code UploadComplete} first and moves one state
 * per status read, {@code UploadComplete → InProgress → JobComplete}, so a client has to poll. An
 * injected fault makes it {@code Failed} with an {@code errorMessage} instead.
 */
final class QueryJob {

  enum State {
    UploadComplete,
    InProgress,
    JobComplete,
    Failed,
    Aborted;

    boolean terminal() {
      return this == JobComplete || this == Failed || this == Aborted;
    }
  }

  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'+0000'").withZone(ZoneOffset.UTC);

  private final String id;
  private final String orgId;
  private final String operation;
  private final String object;
  private final String createdById;
  private final Instant createdDate;
  private final String apiVersion;
  private final BulkCsv.Delimiter delimiter;
  private final BulkCsv.LineEnding lineEnding;
  private final List<String> columns;
  private final List<Map<String, Object>> rows;
  private State state = State.UploadComplete;
  private Instant systemModstamp;
  private String errorMessage;

  QueryJob(
      String id,
      String orgId,
      String operation,
      String object,
      String createdById,
      Instant createdDate,
      String apiVersion,
      BulkCsv.Delimiter delimiter,
      BulkCsv.LineEnding lineEnding,
      List<String> columns,
      List<Map<String, Object>> rows) {
    this.id = id;
    this.orgId = orgId;
    this.operation = operation;
    this.object = object;
    this.createdById = createdById;
    this.createdDate = createdDate;
    this.systemModstamp = createdDate;
    this.apiVersion = apiVersion;
    this.delimiter = delimiter;
    this.lineEnding = lineEnding;
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(rows);
  }

  String id() {
    return id;
  }

  String orgId() {
    return orgId;
  }

  String apiVersion() {
    return apiVersion;
  }

  synchronized State state() {
    return state;
  }

  /** A status read: the job makes one step of progress, then reports. */
  synchronized void progress(Instant now) {
    switch (state) {
      case UploadComplete -> move(State.InProgress, now);
      case InProgress -> move(State.JobComplete, now);
      case JobComplete, Failed, Aborted -> {}
    }
  }

  /**
   * PATCH {"state":"Aborted"}.
   *
   * @throws BulkFailure 400 INVALIDJOB when the job has already finished
   */
  synchronized void abort(Instant now) {
    if (state.terminal()) {
      throw BulkFailure.invalidJob(
          "Job is already in a terminal state (" + state + ") and cannot be aborted");
    }
    move(State.Aborted, now);
  }

  /** The job fails at run time (an injected fault); a finished job stays as it is. */
  synchronized void fail(String message, Instant now) {
    if (!state.terminal()) {
      errorMessage = message;
      move(State.Failed, now);
    }
  }

  /** Whether the job ended (completed, failed or aborted) at or before the time. */
  synchronized boolean endedBefore(Instant cutoff) {
    return state.terminal() && !systemModstamp.isAfter(cutoff);
  }

  private void move(State next, Instant now) {
    state = next;
    systemModstamp = now;
  }

  int rowCount() {
    return rows.size();
  }

  /** Rows {@code from} (inclusive) to {@code to} (exclusive) as CSV with the header line. */
  String csv(int from, int to) {
    return BulkCsv.write(columns, rows.subList(from, to), delimiter, lineEnding);
  }

  /** The job info of create, abort and list: no counters. */
  synchronized Map<String, Object> info() {
    var info = new LinkedHashMap<String, Object>();
    info.put("id", id);
    info.put("operation", operation);
    info.put("object", object);
    info.put("createdById", createdById);
    info.put("createdDate", DATETIME.format(createdDate));
    info.put("systemModstamp", DATETIME.format(systemModstamp));
    info.put("state", state.name());
    info.put("concurrencyMode", "Parallel");
    info.put("contentType", "CSV");
    info.put("apiVersion", Double.parseDouble(apiVersion));
    info.put("jobType", "V2Query");
    info.put("lineEnding", lineEnding.name());
    info.put("columnDelimiter", delimiter.name());
    return info;
  }

  /** The job info of GET /jobs/query/{id}: with the counters Salesforce adds there. */
  synchronized Map<String, Object> detail() {
    var info = info();
    info.put("numberRecordsProcessed", state == State.JobComplete ? rows.size() : 0);
    info.put("retries", 0);
    info.put("totalProcessingTime", state == State.JobComplete ? 1 : 0);
    if (state == State.Failed) {
      info.put("errorMessage", errorMessage);
    }
    return info;
  }
}
