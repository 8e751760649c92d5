package com.caskr.sync.salesforce.pubsub;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.avro.Schema;

/**
 * Writer schemas by schema id, each fetched once (GetSchema) and parsed once; safe for concurrent
 * use. Schema ids name immutable schemas, so entries never go stale.
 */
final class WriterSchemas {

  private final Function<String, String> fetchSchemaJson;
  private final Map<String, Schema> byId = new ConcurrentHashMap<>();

  WriterSchemas(Function<String, String> fetchSchemaJson) {
    this.fetchSchemaJson = fetchSchemaJson;
  }

  Schema schema(String schemaId) {
    return byId.computeIfAbsent(
        schemaId, id -> new Schema.Parser().parse(fetchSchemaJson.apply(id)));
  }
}
