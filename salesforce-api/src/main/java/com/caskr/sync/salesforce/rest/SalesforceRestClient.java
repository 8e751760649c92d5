package com.caskr.sync.salesforce.rest;

import com.caskr.sync.salesforce.errors.MalformedQuery;
import com.caskr.sync.salesforce.errors.MultipleMatches;
import com.caskr.sync.salesforce.errors.SalesforceErrors;
import com.caskr.sync.salesforce.errors.ValidationFailed;
import com.caskr.sync.salesforce.limits.ApiUsage;
import com.caskr.sync.salesforce.limits.OrgLimits;
import com.caskr.sync.schema.SalesforceId;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API of one org: SOQL with lazy paging, sObject CRUD, upsert by external id,
 * getUpdated/getDeleted, sObject Collections and {@code /limits}. Records are plain maps: JSON
 * numbers with a fraction become {@link java.math.BigDecimal}, datetimes stay strings (parse with
 * {@link Soql#parseDateTime}). Thread-safe.
 */
public final class SalesforceRestClient {

  /** Most records one sObject Collections call takes. */
  public static final int COLLECTION_LIMIT = 200;

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private final SalesforceConnection connection;

  public SalesforceRestClient(SalesforceConnection connection) {
    this.connection = connection;
  }

  public SalesforceConnection connection() {
    return connection;
  }

  /** The latest {@code Sforce-Limit-Info} seen by this client's connection. */
  public Optional<ApiUsage> apiUsage() {
    return connection.apiUsage();
  }

  /** Every row of {@code soql}, fetched page by page as the stream is consumed. */
  public Stream<Map<String, Object>> query(String soql) {
    return records(soql, false, 0);
  }

  /**
   * As {@link #query(String)}, asking for pages of {@code batchSize} (200-2000). Salesforce treats
   * it as a hint and may send smaller pages (gotcha 10).
   */
  public Stream<Map<String, Object>> query(String soql, int batchSize) {
    return records(soql, false, batchSize);
  }

  /** As {@link #query(String, int)}, including recycle-bin (and merged) rows. */
  public Stream<Map<String, Object>> queryAll(String soql, int batchSize) {
    return records(soql, true, batchSize);
  }

  /**
   * The first page of a query.
   *
   * @param batchSize 0 for Salesforce's default, else 200-2000
   */
  public QueryPage firstPage(String soql, boolean includeDeleted, int batchSize) {
    if (soql == null || soql.isBlank()) {
      throw new IllegalArgumentException("No SOQL");
    }
    String path =
        connection.dataPath((includeDeleted ? "/queryAll" : "/query") + "?q=" + encode(soql));
    return page(path, batchSize);
  }

  /** The page after {@code page}; {@link NoSuchElementException} when it was the last. */
  public QueryPage nextPage(QueryPage page, int batchSize) {
    if (page.done()) {
      throw new NoSuchElementException("The query is done");
    }
    return page(page.nextRecordsUrl(), batchSize);
  }

  private QueryPage page(String path, int batchSize) {
    Map<String, String> headers =
        batchSize == 0
            ? Map.of()
            : Map.of("Sforce-Query-Options", "batchSize=" + checkBatchSize(batchSize));
    JsonNode body;
    try {
      body = json(connection.send("GET", path, null, headers));
    } catch (ValidationFailed e) {
      // INVALID_FIELD on a query is a SOQL problem, not a record problem.
      throw new MalformedQuery(e.status(), e.errors());
    }
    var records = new ArrayList<Map<String, Object>>();
    for (JsonNode record : body.path("records")) {
      records.add(map(record));
    }
    boolean done = body.path("done").asBoolean(true);
    JsonNode next = body.get("nextRecordsUrl");
    return new QueryPage(
        body.path("totalSize").asLong(records.size()),
        done,
        done || next == null || next.isNull() ? null : next.asString(),
        records);
  }

  private Stream<Map<String, Object>> records(String soql, boolean all, int batchSize) {
    checkBatchSize(batchSize);
    Iterator<Map<String, Object>> rows =
        new Iterator<>() {
          private QueryPage page;
          private Iterator<Map<String, Object>> current = List.<Map<String, Object>>of().iterator();

          @Override
          public boolean hasNext() {
            while (!current.hasNext()) {
              if (page != null && page.done()) {
                return false;
              }
              page = page == null ? firstPage(soql, all, batchSize) : nextPage(page, batchSize);
              current = page.records().iterator();
            }
            return true;
          }

          @Override
          public Map<String, Object> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return current.next();
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  private static int checkBatchSize(int batchSize) {
    if (batchSize != 0 && (batchSize < 200 || batchSize > 2000)) {
      throw new IllegalArgumentException("A batch size is 200 to 2000: " + batchSize);
    }
    return batchSize;
  }

  /** Creates a record (201) and returns its id. */
  public SalesforceId create(String sobject, Map<String, ?> fields) {
    JsonNode body =
        json(
            connection.send(
                "POST", sobjectPath(sobject, ""), JSON.writeValueAsString(fields), Map.of()));
    return SalesforceId.of(body.path("id").asString());
  }

  /**
   * A record by id (15 or 18 characters).
   *
   * @param fields the fields to read; none for all
   */
  public Map<String, Object> get(String sobject, SalesforceId id, Collection<String> fields) {
    fields.forEach(SalesforceRestClient::name);
    String query = fields.isEmpty() ? "" : "?fields=" + encode(String.join(",", fields));
    return map(
        json(
            connection.send(
                "GET", sobjectPath(sobject, "/" + id.value()) + query, null, Map.of())));
  }

  /** As {@link #get}, with the record's ETag for a later {@link Precondition#ifMatch}. */
  public VersionedRecord getVersioned(String sobject, SalesforceId id, Collection<String> fields) {
    fields.forEach(SalesforceRestClient::name);
    String query = fields.isEmpty() ? "" : "?fields=" + encode(String.join(",", fields));
    HttpResponse<String> response =
        connection.send("GET", sobjectPath(sobject, "/" + id.value()) + query, null, Map.of());
    return new VersionedRecord(
        map(json(response)), response.headers().firstValue("ETag").orElse(null));
  }

  /**
   * As {@link #update(String, SalesforceId, Map)}, only if {@code precondition} holds.
   *
   * @throws com.caskr.sync.salesforce.errors.PreconditionFailed on 412; nothing was written
   */
  public void update(
      String sobject, SalesforceId id, Map<String, ?> fields, Precondition precondition) {
    connection.send(
        "PATCH",
        sobjectPath(sobject, "/" + id.value()),
        JSON.writeValueAsString(fields),
        precondition.headers());
  }

  /** As {@link #delete(String, SalesforceId)}, only if {@code precondition} holds. */
  public void delete(String sobject, SalesforceId id, Precondition precondition) {
    connection.send("DELETE", sobjectPath(sobject, "/" + id.value()), null, precondition.headers());
  }

  /**
   * Updates the given fields (null clears one). Salesforce answers 204 with no body (gotcha 6); a
   * deleted row gives {@code EntityDeleted}.
   */
  public void update(String sobject, SalesforceId id, Map<String, ?> fields) {
    connection.send(
        "PATCH", sobjectPath(sobject, "/" + id.value()), JSON.writeValueAsString(fields), Map.of());
  }

  /** Deletes a record to the recycle bin (204); a second delete gives {@code EntityDeleted}. */
  public void delete(String sobject, SalesforceId id) {
    connection.send("DELETE", sobjectPath(sobject, "/" + id.value()), null, Map.of());
  }

  /**
   * Inserts or updates by an external id (gotcha 5).
   *
   * @throws MultipleMatches on 300: several records carry the value; nothing was written
   * @throws com.caskr.sync.salesforce.errors.NotFound on 404: the field is not an external id
   * @throws com.caskr.sync.salesforce.errors.DuplicateValue when a concurrent upsert inserted the
   *     same new key first; retry
   */
  public UpsertResult upsert(
      String sobject, String externalIdField, String value, Map<String, ?> fields) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("An upsert needs an external id value");
    }
    if (value.contains("/")) {
      throw new IllegalArgumentException(
          "An external id value with '/' cannot travel in the URL path; use upsertAll, which"
              + " carries it in the body");
    }
    if (fields.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Id"))) {
      throw new IllegalArgumentException("An upsert body must not contain Id");
    }
    String path =
        sobjectPath(sobject, "/" + name(externalIdField) + "/" + encodePathSegment(value));
    HttpResponse<String> response =
        connection.send("PATCH", path, JSON.writeValueAsString(fields), Map.of());
    return switch (response.statusCode()) {
      case 201 -> new UpsertResult(SalesforceId.of(json(response).path("id").asString()), true);
      case 204 -> new UpsertResult(null, false);
      case 300 -> {
        var urls = new ArrayList<String>();
        json(response).forEach(url -> urls.add(url.asString()));
        throw new MultipleMatches(urls);
      }
      default -> {
        JsonNode body = json(response);
        yield new UpsertResult(
            SalesforceId.of(body.path("id").asString()), body.path("created").asBoolean(false));
      }
    };
  }

  /** Ids of records created or changed in the window (UTC; at most 30 days back). */
  public UpdatedRecords updated(String sobject, Instant start, Instant end) {
    JsonNode body =
        json(
            connection.send(
                "GET", replicationPath(sobject, "/updated/", start, end), null, Map.of()));
    var ids = new ArrayList<SalesforceId>();
    body.path("ids").forEach(id -> ids.add(SalesforceId.of(id.asString())));
    return new UpdatedRecords(ids, instant(body.get("latestDateCovered")));
  }

  /** Records deleted in the window (recycle bin only; at most 15 days back). */
  public DeletedRecords deleted(String sobject, Instant start, Instant end) {
    JsonNode body =
        json(
            connection.send(
                "GET", replicationPath(sobject, "/deleted/", start, end), null, Map.of()));
    var deleted = new ArrayList<DeletedRecords.Deleted>();
    for (JsonNode d : body.path("deletedRecords")) {
      deleted.add(
          new DeletedRecords.Deleted(
              SalesforceId.of(d.path("id").asString()), instant(d.get("deletedDate"))));
    }
    return new DeletedRecords(
        deleted,
        instant(body.get("earliestDateAvailable")),
        instant(body.get("latestDateCovered")));
  }

  /**
   * Creates records of one type. More than {@value #COLLECTION_LIMIT} are sent in several calls
   * when {@code allOrNone} is false; with {@code allOrNone} they are refused, since separate calls
   * cannot be all-or-none.
   */
  public List<RowResult> createAll(
      String sobject, List<? extends Map<String, ?>> records, boolean allOrNone) {
    return sendRecords(
        "POST", connection.dataPath("/composite/sobjects"), sobject, records, allOrNone, false);
  }

  /** Updates records of one type; each map needs its {@code Id}. Chunked as {@link #createAll}. */
  public List<RowResult> updateAll(
      String sobject, List<? extends Map<String, ?>> records, boolean allOrNone) {
    for (Map<String, ?> record : records) {
      if (!(record.get("Id") instanceof Object id) || !SalesforceId.isValid(id.toString())) {
        throw new IllegalArgumentException("Every record of an update needs a valid Id");
      }
    }
    return sendRecords(
        "PATCH", connection.dataPath("/composite/sobjects"), sobject, records, allOrNone, false);
  }

  /** Upserts records of one type by an external id field each record carries. */
  public List<RowResult> upsertAll(
      String sobject,
      String externalIdField,
      List<? extends Map<String, ?>> records,
      boolean allOrNone) {
    for (Map<String, ?> record : records) {
      if (record.get(externalIdField) == null) {
        throw new IllegalArgumentException(
            "Every record of an upsert needs a value for " + externalIdField);
      }
    }
    String path =
        connection.dataPath("/composite/sobjects/" + name(sobject) + "/" + name(externalIdField));
    return sendRecords("PATCH", path, sobject, records, allOrNone, true);
  }

  /** Deletes records by id. Chunked as {@link #createAll}. */
  public List<RowResult> deleteAll(List<SalesforceId> ids, boolean allOrNone) {
    return inChunks(
        ids,
        allOrNone,
        chunk ->
            rows(
                connection.send(
                    "DELETE",
                    connection.dataPath(
                        "/composite/sobjects?ids="
                            + chunk.stream()
                                .map(SalesforceId::value)
                                .collect(Collectors.joining(","))
                            + "&allOrNone="
                            + allOrNone),
                    null,
                    Map.of()),
                false));
  }

  /** Sends records of one type to an sObject Collections {@code path}, chunked. */
  private List<RowResult> sendRecords(
      String method,
      String path,
      String sobject,
      List<? extends Map<String, ?>> records,
      boolean allOrNone,
      boolean upsert) {
    return inChunks(
        records,
        allOrNone,
        chunk ->
            rows(
                connection.send(
                    method, path, collectionBody(typed(sobject, chunk), allOrNone), Map.of()),
                upsert));
  }

  private interface Call<T> {
    List<RowResult> send(List<T> chunk);
  }

  private static <T> List<RowResult> inChunks(List<T> items, boolean allOrNone, Call<T> call) {
    if (items.isEmpty()) {
      return List.of();
    }
    if (allOrNone && items.size() > COLLECTION_LIMIT) {
      throw new IllegalArgumentException(
          "allOrNone takes at most "
              + COLLECTION_LIMIT
              + " records in one call ("
              + items.size()
              + " given); split them yourself and accept partial success, or send them with"
              + " allOrNone=false");
    }
    var results = new ArrayList<RowResult>(items.size());
    for (int from = 0; from < items.size(); from += COLLECTION_LIMIT) {
      results.addAll(
          call.send(items.subList(from, Math.min(items.size(), from + COLLECTION_LIMIT))));
    }
    return results;
  }

  private static List<Map<String, Object>> typed(
      String sobject, List<? extends Map<String, ?>> records) {
    name(sobject);
    var typed = new ArrayList<Map<String, Object>>(records.size());
    for (Map<String, ?> record : records) {
      var row = new LinkedHashMap<String, Object>();
      row.put("attributes", Map.of("type", sobject));
      record.forEach(
          (k, v) -> {
            if (!k.equals("attributes")) {
              row.put(k, v);
            }
          });
      typed.add(row);
    }
    return typed;
  }

  private static String collectionBody(List<Map<String, Object>> records, boolean allOrNone) {
    var body = new LinkedHashMap<String, Object>();
    body.put("allOrNone", allOrNone);
    body.put("records", records);
    return JSON.writeValueAsString(body);
  }

  private static List<RowResult> rows(HttpResponse<String> response, boolean upsert) {
    var results = new ArrayList<RowResult>();
    for (JsonNode row : json(response)) {
      JsonNode id = row.get("id");
      JsonNode created = row.get("created");
      results.add(
          new RowResult(
              id == null || id.isNull() ? null : SalesforceId.of(id.asString()),
              row.path("success").asBoolean(false),
              upsert && created != null && !created.isNull() ? created.asBoolean() : null,
              SalesforceErrors.parse(row.get("errors"))));
    }
    return results;
  }

  /** Most subrequests one {@code /composite} call takes. */
  public static final int COMPOSITE_LIMIT = 25;

  /**
   * Runs up to {@value #COMPOSITE_LIMIT} dependent subrequests in order in one call. With {@code
   * allOrNone}, one failure rolls every subrequest back.
   */
  public List<SubResponse> composite(List<Subrequest> subrequests, boolean allOrNone) {
    if (subrequests.isEmpty() || subrequests.size() > COMPOSITE_LIMIT) {
      throw new IllegalArgumentException(
          "A composite call takes 1 to " + COMPOSITE_LIMIT + " subrequests: " + subrequests.size());
    }
    if (subrequests.stream().map(Subrequest::referenceId).distinct().count()
        != subrequests.size()) {
      throw new IllegalArgumentException("referenceIds must be unique within a composite call");
    }
    var list = new ArrayList<Map<String, Object>>();
    for (Subrequest sub : subrequests) {
      var item = new LinkedHashMap<String, Object>();
      item.put("method", sub.method());
      item.put("url", sub.url());
      item.put("referenceId", sub.referenceId());
      if (sub.body() != null) {
        item.put("body", sub.body());
      }
      list.add(item);
    }
    var request = new LinkedHashMap<String, Object>();
    request.put("allOrNone", allOrNone);
    request.put("compositeRequest", list);
    JsonNode body =
        json(
            connection.send(
                "POST",
                connection.dataPath("/composite"),
                JSON.writeValueAsString(request),
                Map.of()));
    var responses = new ArrayList<SubResponse>();
    for (JsonNode r : body.path("compositeResponse")) {
      var headers = new LinkedHashMap<String, String>();
      r.path("httpHeaders")
          .properties()
          .forEach(h -> headers.put(h.getKey(), h.getValue().asString()));
      JsonNode sub = r.get("body");
      int status = r.path("httpStatusCode").asInt();
      responses.add(
          new SubResponse(
              r.path("referenceId").asString(),
              status,
              headers,
              sub == null || sub.isNull() ? null : JSON.convertValue(sub, Object.class),
              status < 300 ? List.of() : SalesforceErrors.parse(sub)));
    }
    return responses;
  }

  /** {@code GET /limits}. */
  public OrgLimits limits() {
    JsonNode body = json(connection.send("GET", connection.dataPath("/limits"), null, Map.of()));
    var limits = new LinkedHashMap<String, OrgLimits.Limit>();
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      JsonNode max = e.getValue().get("Max");
      JsonNode remaining = e.getValue().get("Remaining");
      if (max != null && remaining != null) {
        limits.put(e.getKey(), new OrgLimits.Limit(max.asLong(), remaining.asLong()));
      }
    }
    return new OrgLimits(limits);
  }

  private String sobjectPath(String sobject, String rest) {
    return connection.dataPath("/sobjects/" + name(sobject) + rest);
  }

  private String replicationPath(String sobject, String kind, Instant start, Instant end) {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("The window's start must be before its end");
    }
    DateTimeFormatter iso = DateTimeFormatter.ISO_INSTANT;
    return sobjectPath(
        sobject,
        kind
            + "?start="
            + encode(iso.format(start.truncatedTo(ChronoUnit.SECONDS)))
            + "&end="
            + encode(iso.format(end.truncatedTo(ChronoUnit.SECONDS))));
  }

  /** An sObject or field API name; anything else could reach another path. */
  static String name(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not an API name: " + name);
    }
    return name;
  }

  private static Instant instant(JsonNode node) {
    return node == null || node.isNull() ? null : Soql.parseDateTime(node.asString());
  }

  static JsonNode json(HttpResponse<String> response) {
    String body = response.body();
    return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(JsonNode node) {
    return JSON.convertValue(node, LinkedHashMap.class);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String encodePathSegment(String value) {
    return encode(value).replace("+", "%20");
  }
}
