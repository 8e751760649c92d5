package com.caskr.sync.emulator.rest;

import com.caskr.sync.emulator.org.Field;
import com.caskr.sync.emulator.org.FieldType;
import com.caskr.sync.emulator.org.SObjectType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored row as a REST read returns it: {@code attributes} first, then every field of the type
 * (or the ones asked for) in schema order, null ones included, compound addresses assembled from
 * their components.
 */
final class Records {

  private static final String[][] ADDRESS_PARTS = {
    {"city", "City"},
    {"country", "Country"},
    {"geocodeAccuracy", "GeocodeAccuracy"},
    {"latitude", "Latitude"},
    {"longitude", "Longitude"},
    {"postalCode", "PostalCode"},
    {"state", "State"},
    {"street", "Street"}
  };

  private Records() {}

  static Map<String, Object> attributes(String type, String url) {
    var attributes = new LinkedHashMap<String, Object>(4);
    attributes.put("type", type);
    attributes.put("url", url);
    return attributes;
  }

  /** Every field of the type. */
  static Map<String, Object> shape(SObjectType type, Map<String, Object> row, String apiVersion) {
    return shape(type, row, List.copyOf(type.fields().values()), apiVersion);
  }

  /**
   * The named fields only, as {@code ?fields=} asks.
   *
   * @throws RestFailure 400 INVALID_FIELD naming the first unknown field
   */
  static Map<String, Object> shape(
      SObjectType type, Map<String, Object> row, String fieldList, String apiVersion) {
    return shape(type, row, fields(type, fieldList), apiVersion);
  }

  static List<Field> fields(SObjectType type, String fieldList) {
    var fields = new ArrayList<Field>();
    for (String name : fieldList.split(",")) {
      String trimmed = name.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      fields.add(
          type.field(trimmed)
              .orElseThrow(
                  () ->
                      RestFailure.badRequest(
                          "INVALID_FIELD",
                          "No such column '"
                              + trimmed
                              + "' on entity '"
                              + type.name()
                              + "'. If you are attempting to use a custom field, be sure to"
                              + " append the '__c' after the custom field name. Please reference"
                              + " your WSDL or the describe call for the appropriate names.")));
    }
    return fields;
  }

  static Map<String, Object> shape(
      SObjectType type, Map<String, Object> row, List<Field> fields, String apiVersion) {
    var record = new LinkedHashMap<String, Object>(fields.size() * 2);
    record.put(
        "attributes",
        attributes(
            type.name(),
            "/services/data/v" + apiVersion + "/sobjects/" + type.name() + "/" + row.get("Id")));
    for (Field field : fields) {
      record.put(
          field.name(),
          field.type() == FieldType.ADDRESS ? address(field.name(), row) : row.get(field.name()));
    }
    return record;
  }

  private static Map<String, Object> address(String fieldName, Map<String, Object> row) {
    String prefix =
        fieldName.endsWith("Address")
            ? fieldName.substring(0, fieldName.length() - "Address".length())
            : fieldName;
    var address = new LinkedHashMap<String, Object>();
    boolean any = false;
    for (String[] part : ADDRESS_PARTS) {
      Object value = row.get(prefix + part[1]);
      any |= value != null;
      address.put(part[0], value);
    }
    return any ? address : null;
  }
}
