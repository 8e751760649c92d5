package com.caskr.sync.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every record of a SOQL query over real HTTP the way a sync client does: GET {@code query},
 * then GET each {@code nextRecordsUrl} until {@code done}, parsing each page as a stream (no page
 * is held as a tree) and taking every record's Id.
 */
final class QueryPager {

  /** What one full read returned. */
  record Read(long records, int pages) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String baseUrl;
  private final String accessToken;
  private final int batchSize;

  QueryPager(String baseUrl, String accessToken, int batchSize) {
    this.baseUrl = baseUrl;
    this.accessToken = accessToken;
    this.batchSize = batchSize;
  }

  Read readAll(String apiVersion, String soql) throws IOException, InterruptedException {
    String next =
        "/services/data/v"
            + apiVersion
            + "/query?q="
            + URLEncoder.encode(soql, StandardCharsets.UTF_8);
    long records = 0;
    int pages = 0;
    while (next != null) {
      HttpResponse<InputStream> response =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + next))
                  .header("Authorization", "Bearer " + accessToken)
                  .header("Sforce-Query-Options", "batchSize=" + batchSize)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new IllegalStateException(
              "Query page answered "
                  + response.statusCode()
                  + ": "
                  + new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
        Page page = parse(body);
        records += page.records();
        next = page.done() ? null : page.nextRecordsUrl();
        if (!page.done() && next == null) {
          throw new IllegalStateException("A page with done=false has no nextRecordsUrl");
        }
      }
      pages++;
    }
    return new Read(records, pages);
  }

  private record Page(long records, boolean done, String nextRecordsUrl) {}

  private static Page parse(InputStream body) {
    long records = 0;
    boolean done = false;
    String nextRecordsUrl = null;
    try (JsonParser parser = JSON.createParser(body)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (name) {
          case "records" -> {
            expect(value, JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
              if (recordId(parser) == null) {
                throw new IllegalStateException("A record without an Id");
              }
              records++;
            }
          }
          case "done" -> done = parser.getBooleanValue();
          case "nextRecordsUrl" -> nextRecordsUrl = parser.getValueAsString();
          default -> parser.skipChildren();
        }
      }
    }
    return new Page(records, done, nextRecordsUrl);
  }

  /** Reads one record object to its end and returns its Id. */
  private static String recordId(JsonParser parser) {
    String id = null;
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (name.equals("Id")) {
        id = parser.getValueAsString();
      } else {
        parser.skipChildren();
      }
    }
    return id;
  }

  private static void expect(JsonToken actual, JsonToken expected) {
    if (actual != expected) {
      throw new IllegalStateException("Expected " + expected + " but read " + actual);
    }
  }
}
