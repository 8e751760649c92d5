package com.caskr.sync.schema;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;

/** Loads the shipped JSON Schemas from the classpath, $refs included, with format assertions on. */
public final class Schemas {

  public static final String BASE_URI = "https://schemas.caskr.com/sync/";

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          builder -> builder.schemaMappers(m -> m.mapPrefix(BASE_URI, "classpath:schemas/")));
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  private Schemas() {}

  /** e.g. salesforce-record-changed.v1.schema.json */
  public static String fileName(Class<?> eventType, int version) {
    return Contracts.fileName(eventType) + ".v" + version + ".schema.json";
  }

  public static JsonSchema forEvent(Class<?> eventType, int version) {
    return FACTORY.getSchema(SchemaLocation.of(BASE_URI + fileName(eventType, version)), CONFIG);
  }

  /** Validation errors, empty when the JSON conforms. */
  public static List<String> errors(JsonSchema schema, String json) {
    return schema.validate(json, InputFormat.JSON).stream()
        .map(ValidationMessage::getMessage)
        .sorted()
        .toList();
  }

  /** The 2020-12 meta-schema, bundled with the validator. */
  public static JsonSchema metaSchema() {
    return FACTORY.getSchema(
        SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"), CONFIG);
  }
}
