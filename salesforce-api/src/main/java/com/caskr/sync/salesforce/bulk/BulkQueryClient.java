package com.caskr.sync.salesforce.bulk;

import com.caskr.sync.salesforce.errors.ApiError;
import com.caskr.sync.salesforce.errors.BulkJobFailed;
import com.caskr.sync.salesforce.errors.SalesforceApiError;
import com.caskr.sync.salesforce.rest.SalesforceConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk API 2.0 query jobs: create, poll until done, stream the CSV results page by page, abort,
 * delete. Rows come as {@code Map<column, value>} in SELECT order, relationship columns named like
 * {@code Account.Name}; a blank cell is {@code null}, because Bulk CSV cannot tell null from empty
 * (gotcha 9). Results are parsed as they arrive: a page is never held in memory whole.
 */
public final class BulkQueryClient {

  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9]{15,18}");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SalesforceConnection connection;
  private final Sleeper sleeper;

  /** How polling waits; tests and schedulers can supply their own. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  public BulkQueryClient(SalesforceConnection connection, Sleeper sleeper) {
    this.connection = connection;
    this.sleeper = sleeper;
  }

  public BulkQueryClient(SalesforceConnection connection) {
    this(connection, duration -> Thread.sleep(duration));
  }

  /**
   * Creates a query job (state {@code UploadComplete}).
   *
   * @param includeDeleted {@code queryAll}: recycle-bin rows too
   */
  public QueryJob create(String soql, boolean includeDeleted, QueryJob.ColumnDelimiter delimiter) {
    var body = new LinkedHashMap<String, Object>();
    body.put("operation", includeDeleted ? "queryAll" : "query");
    body.put("query", soql);
    body.put("contentType", "CSV");
    body.put("columnDelimiter", delimiter.name());
    body.put("lineEnding", "LF");
    return job(
        connection.send(
            "POST", connection.dataPath("/jobs/query"), JSON.writeValueAsString(body), Map.of()));
  }

  public QueryJob create(String soql, boolean includeDeleted) {
    return create(soql, includeDeleted, QueryJob.ColumnDelimiter.COMMA);
  }

  /** The job's current state. */
  public QueryJob status(String jobId) {
    return job(
        connection.send("GET", connection.dataPath("/jobs/query/" + id(jobId)), null, Map.of()));
  }

  /**
   * Polls with {@code backoff} until the job is {@code JobComplete}.
   *
   * @throws BulkJobFailed when it ends {@code Failed} or {@code Aborted}
   * @throws IllegalStateException when {@code timeout} passes first
   */
  public QueryJob awaitCompletion(String jobId, Backoff backoff, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Duration delay = null;
    while (true) {
      QueryJob job = status(jobId);
      switch (job.state()) {
        case JobComplete -> {
          return job;
        }
        case Failed, Aborted ->
            throw new BulkJobFailed(job.id(), job.state().name(), job.errorMessage());
        case UploadComplete, InProgress -> {
          delay = backoff.next(delay);
          if (Instant.now().plus(delay).isAfter(deadline)) {
            throw new IllegalStateException(
                "Bulk job " + jobId + " still " + job.state() + " after " + timeout);
          }
          try {
            sleeper.sleep(delay);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for bulk job " + jobId, e);
          }
        }
      }
    }
  }

  /**
   * Every result row of a completed job, fetched page by page ({@code maxRecords} rows at most per
   * page, 0 for Salesforce's choice) with the job's own API version, following {@code
   * Sforce-Locator} until it is the literal {@code null}. Close the stream to release the
   * connection early.
   */
  public Stream<Map<String, String>> results(QueryJob job, int maxRecords) {
    if (maxRecords < 0) {
      throw new IllegalArgumentException("maxRecords must be positive (or 0 for the default)");
    }
    var pages = new Pages(job, maxRecords);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(pages::close);
  }

  /** Stops a job that is not finished yet. */
  public QueryJob abort(String jobId) {
    return job(
        connection.send(
            "PATCH",
            connection.dataPath("/jobs/query/" + id(jobId)),
            "{\"state\":\"Aborted\"}",
            Map.of()));
  }

  /** Deletes a finished (or aborted) job and its results. */
  public void delete(String jobId) {
    connection.send("DELETE", connection.dataPath("/jobs/query/" + id(jobId)), null, Map.of());
  }

  private final class Pages implements Iterator<Map<String, String>> {

    private final QueryJob job;
    private final int maxRecords;
    private String locator;
    private boolean last;
    private InputStream body;
    private CSVParser parser;
    private Iterator<CSVRecord> rows;
    private List<String> header;

    Pages(QueryJob job, int maxRecords) {
      this.job = job;
      this.maxRecords = maxRecords;
    }

    @Override
    public boolean hasNext() {
      while (rows == null || !rows.hasNext()) {
        close();
        if (last) {
          return false;
        }
        open();
      }
      return true;
    }

    @Override
    public Map<String, String> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      CSVRecord record = rows.next();
      var row = new LinkedHashMap<String, String>(header.size() * 2);
      for (int i = 0; i < header.size(); i++) {
        String value = i < record.size() ? record.get(i) : null;
        row.put(header.get(i), value == null || value.isEmpty() ? null : value);
      }
      return row;
    }

    private void open() {
      var query = new StringBuilder();
      if (locator != null) {
        query.append("locator=").append(URLEncoder.encode(locator, StandardCharsets.UTF_8));
      }
      if (maxRecords > 0) {
        query.append(query.isEmpty() ? "" : "&").append("maxRecords=").append(maxRecords);
      }
      String path =
          connection.dataPath(
              job.apiVersion(),
              "/jobs/query/" + id(job.id()) + "/results" + (query.isEmpty() ? "" : "?" + query));
      HttpResponse<InputStream> response = connection.stream(path, Map.of("Accept", "text/csv"));
      String next = response.headers().firstValue("Sforce-Locator").orElse("null");
      if (next.equals("null") || next.isBlank()) {
        last = true;
      } else if (next.equals(locator)) {
        throw new SalesforceApiError(
            200,
            List.of(new ApiError("LOCATOR_LOOP", "Sforce-Locator repeated " + next, List.of())));
      } else {
        locator = next;
      }
      body = response.body();
      try {
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
        parser =
            CSVFormat.RFC4180
                .builder()
                .setDelimiter(job.columnDelimiter().character())
                .setHeader()
                .setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true)
                .get()
                .parse(reader);
        header = parser.getHeaderNames();
        rows = parser.iterator();
      } catch (IOException e) {
        close();
        throw new UncheckedIOException("Cannot read the results of bulk job " + job.id(), e);
      }
    }

    void close() {
      try {
        if (parser != null) {
          parser.close();
        } else if (body != null) {
          body.close();
        }
      } catch (IOException e) {
        // The page is finished with either way.
      } finally {
        parser = null;
        body = null;
        rows = null;
      }
    }
  }

  private QueryJob job(HttpResponse<String> response) {
    JsonNode body = JSON.readTree(response.body());
    String delimiter = body.path("columnDelimiter").asString("COMMA");
    JsonNode version = body.get("apiVersion");
    return new QueryJob(
        body.path("id").asString(),
        body.path("operation").asString(),
        body.path("object").asString(null),
        QueryJob.State.valueOf(body.path("state").asString()),
        version == null || version.isNull() ? connection.apiVersion() : version(version),
        QueryJob.ColumnDelimiter.valueOf(delimiter),
        body.path("numberRecordsProcessed").asLong(0),
        body.path("errorMessage").asString(null));
  }

  /** {@code 62.0} whether it came as a number or a string. */
  private static String version(JsonNode node) {
    return node.isNumber() ? String.format(Locale.ROOT, "%.1f", node.asDouble()) : node.asString();
  }

  private static String id(String jobId) {
    if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
      throw new IllegalArgumentException("Not a job id: " + jobId);
    }
    return jobId;
  }
}
