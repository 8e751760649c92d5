package com.caskr.sync.emulator.bulk;

import com.caskr.sync.emulator.rest.ApiCall;
import com.caskr.sync.emulator.soql.QueryResult;
import com.caskr.sync.emulator.soql.Soql;
import com.caskr.sync.emulator.soql.SoqlException;
import com.caskr.sync.emulator.soql.SoqlQuery;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk API 2.0 query jobs under /services/data/vXX.X/jobs/query. The REST API's gate has already
 * authenticated, counted and version-checked every call and hands it over as an {@link ApiCall}.
 */
@RestController
class BulkQueryController {

  static final String JOBS = "/services/data/{version}/jobs/query";
  static final int DEFAULT_MAX_RECORDS = 10_000;

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

  private final QueryJobs jobs;

  BulkQueryController(QueryJobs jobs) {
    this.jobs = jobs;
  }

  @PostMapping(JOBS)
  ResponseEntity<String> create(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @RequestBody(required = false) String body) {
    Map<String, Object> request = object(body);
    String operation = text(request, "operation", null);
    if (!"query".equals(operation) && !"queryAll".equals(operation)) {
      throw BulkFailure.invalidJob(
          "InvalidJob : Invalid value for operation: " + operation + " (query or queryAll)");
    }
    String soql = text(request, "query", null);
    if (soql == null || soql.isBlank()) {
      throw BulkFailure.invalidJob("InvalidJob : Query is required");
    }
    String contentType = text(request, "contentType", "CSV");
    if (!"CSV".equals(contentType)) {
      throw BulkFailure.invalidJob("InvalidJob : Unsupported content type: " + contentType);
    }
    var delimiter = choice(BulkCsv.Delimiter.class, request, "columnDelimiter", "COMMA");
    var lineEnding = choice(BulkCsv.LineEnding.class, request, "lineEnding", "LF");
    QueryResult result;
    SoqlQuery query;
    try {
      query = Soql.parseForBulk(soql);
      result =
          query.execute(call.org(), "queryAll".equals(operation), call.apiVersion(), jobs.clock());
    } catch (SoqlException e) {
      // Bulk reports a refused query as an invalid job, naming the SOQL error inside.
      throw BulkFailure.invalidJob(
          "Failed to process query: " + e.errorCode().name() + ": " + e.message());
    }
    if (!call.org().bulkQueryJobs().tryRecord()) {
      // Guess: the reference names the limit but not the refusal; a refused query is not counted.
      throw new BulkFailure(
          400,
          "LIMIT_EXCEEDED",
          "Max number of Bulk API 2.0 query jobs per 24 hours exceeded: "
              + call.org().bulkQueryJobs().max());
    }
    var job =
        new QueryJob(
            jobs.nextId(),
            call.org().id(),
            operation,
            query.sobjectType(),
            call.session().userId(),
            jobs.clock().instant(),
            call.apiVersion(),
            delimiter,
            lineEnding,
            result.columns(),
            result.records());
    jobs.add(job);
    return json(200, job.info());
  }

  @GetMapping(JOBS)
  ResponseEntity<String> list(@RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call) {
    var records = new ArrayList<Map<String, Object>>();
    for (QueryJob job : jobs.all(call.org().id())) {
      records.add(job.info());
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("done", true);
    body.put("records", records);
    body.put("nextRecordsUrl", null);
    return json(200, body);
  }

  @GetMapping(JOBS + "/{jobId}")
  ResponseEntity<String> status(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call, @PathVariable String jobId) {
    QueryJob job = job(call, jobId);
    if (!job.state().terminal()) {
      call.org()
          .faults()
          .takeBulkFailure(job.id())
          .ifPresent(
              fault ->
                  job.fail(
                      fault.message() == null
                          ? "InternalServerError : the query failed to run (injected fault)"
                          : fault.message(),
                      jobs.clock().instant()));
    }
    job.progress(jobs.clock().instant());
    return json(200, job.detail());
  }

  @PatchMapping(JOBS + "/{jobId}")
  ResponseEntity<String> abort(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @PathVariable String jobId,
      @RequestBody(required = false) String body) {
    QueryJob job = job(call, jobId);
    String state = text(object(body), "state", null);
    if (!"Aborted".equals(state)) {
      throw BulkFailure.invalidJob("InvalidJob : A query job can only be set to Aborted: " + state);
    }
    job.abort(jobs.clock().instant());
    return json(200, job.info());
  }

  @DeleteMapping(JOBS + "/{jobId}")
  ResponseEntity<Void> delete(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call, @PathVariable String jobId) {
    QueryJob job = job(call, jobId);
    if (!job.state().terminal()) {
      throw BulkFailure.invalidJob(
          "InvalidJob : A job in state " + job.state() + " cannot be deleted; abort it first");
    }
    jobs.remove(job);
    return ResponseEntity.noContent().build();
  }

  @GetMapping(JOBS + "/{jobId}/results")
  ResponseEntity<String> results(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @PathVariable String jobId,
      @RequestParam(name = "locator", required = false) String locator,
      @RequestParam(name = "maxRecords", required = false) String maxRecords) {
    QueryJob job = job(call, jobId);
    if (!job.apiVersion().equals(call.apiVersion())) {
      throw new BulkFailure(
          409,
          "INVALIDJOB",
          "Job "
              + job.id()
              + " was created with API version "
              + job.apiVersion()
              + "; read its results with that version, not "
              + call.apiVersion());
    }
    if (job.state() != QueryJob.State.JobComplete) {
      throw new BulkFailure(
          400, "JOB_NOT_COMPLETE", "Job " + job.id() + " is not complete: " + job.state());
    }
    int from = offset(locator, job.rowCount());
    int to = (int) Math.min((long) job.rowCount(), (long) from + pageSize(maxRecords));
    String next = to < job.rowCount() ? encode(to) : "null";
    return ResponseEntity.ok()
        .contentType(CSV)
        .header("Sforce-Locator", next)
        .header("Sforce-NumberOfRecords", Integer.toString(to - from))
        .body(job.csv(from, to));
  }

  @ExceptionHandler
  ResponseEntity<String> failure(BulkFailure failure) {
    return ResponseEntity.status(failure.status())
        .contentType(MediaType.APPLICATION_JSON)
        .body(failure.body());
  }

  private QueryJob job(ApiCall call, String jobId) {
    return jobs.find(call.org().id(), jobId).orElseThrow(BulkFailure::notFound);
  }

  private static int pageSize(String maxRecords) {
    if (maxRecords == null) {
      return DEFAULT_MAX_RECORDS;
    }
    try {
      int size = Integer.parseInt(maxRecords.trim());
      if (size > 0) {
        return size;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw BulkFailure.invalidJob("InvalidJob : maxRecords must be a positive integer");
  }

  /** Locators are opaque to clients; here the base64 of the next row's index, e.g. MTAwMDA. */
  static String encode(int offset) {
    return Base64.getEncoder()
        .withoutPadding()
        .encodeToString(Integer.toString(offset).getBytes(StandardCharsets.US_ASCII));
  }

  private static int offset(String locator, int rows) {
    if (locator == null || locator.isEmpty()) {
      return 0;
    }
    try {
      int offset =
          Integer.parseInt(new String(Base64.getDecoder().decode(locator), StandardCharsets.UTF_8));
      if (offset >= 0 && offset < rows) {
        return offset;
      }
    } catch (IllegalArgumentException e) {
      // answered below; NumberFormatException is one too
    }
    throw BulkFailure.invalidJob("InvalidJob : Invalid locator: " + locator);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(String body) {
    if (body == null || body.isBlank()) {
      throw new BulkFailure(400, "JSON_PARSER_ERROR", "The request body is empty.");
    }
    Object parsed;
    try {
      parsed = MAPPER.readValue(body, Object.class);
    } catch (JacksonException e) {
      throw new BulkFailure(400, "JSON_PARSER_ERROR", e.getOriginalMessage());
    }
    if (parsed instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new BulkFailure(400, "JSON_PARSER_ERROR", "The request body is not a JSON object.");
  }

  private static String text(Map<String, Object> request, String key, String absent) {
    Object value = request.get(key);
    if (value == null) {
      return absent;
    }
    if (value instanceof String s) {
      return s;
    }
    throw BulkFailure.invalidJob("InvalidJob : " + key + " must be a string");
  }

  private static <E extends Enum<E>> E choice(
      Class<E> type, Map<String, Object> request, String key, String absent) {
    String value = text(request, key, absent);
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw BulkFailure.invalidJob("InvalidJob : Invalid value for " + key + ": " + value);
    }
  }

  private static ResponseEntity<String> json(int status, Object body) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(MAPPER.writeValueAsString(body));
  }
}
