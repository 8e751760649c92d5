package com.caskr.sync.emulator.rest;

import com.caskr.sync.emulator.org.Field;
import com.caskr.sync.emulator.org.SObjectType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A minimal sObject describe: the type and, per field, what a sync needs to know. */
final class Describe {

  private Describe() {}

  static Map<String, Object> of(SObjectType type, ApiCall call) {
    var fields = new ArrayList<Map<String, Object>>();
    for (Field field : type.fields().values()) {
      var f = new LinkedHashMap<String, Object>();
      f.put("createable", field.createable());
      f.put("externalId", field.externalId());
      f.put("length", field.length());
      f.put("name", field.name());
      // Required fields are the non-nillable ones; booleans are never null in Salesforce.
      f.put(
          "nillable",
          !field.requiredOnCreate()
              && field.type() != com.caskr.sync.emulator.org.FieldType.BOOLEAN);
      f.put("picklistValues", picklist(field.picklistValues()));
      f.put("precision", field.precision());
      f.put("referenceTo", field.referenceTo() == null ? List.of() : List.of(field.referenceTo()));
      f.put("relationshipName", field.relationshipName());
      f.put("restrictedPicklist", field.restricted());
      f.put("scale", field.scale());
      f.put("type", field.type().name().toLowerCase(java.util.Locale.ROOT));
      f.put("unique", field.unique());
      f.put("updateable", field.updateable());
      fields.add(f);
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("createable", type.createable());
    body.put("deletable", type.deletable());
    body.put("fields", fields);
    body.put("keyPrefix", type.keyPrefix());
    body.put("name", type.name());
    var urls = new LinkedHashMap<String, Object>();
    urls.put("sobject", call.base() + "/sobjects/" + type.name());
    urls.put("describe", call.base() + "/sobjects/" + type.name() + "/describe");
    urls.put("rowTemplate", call.base() + "/sobjects/" + type.name() + "/{ID}");
    body.put("urls", urls);
    return body;
  }

  private static List<Map<String, Object>> picklist(List<String> values) {
    var entries = new ArrayList<Map<String, Object>>();
    for (String value : values) {
      var entry = new LinkedHashMap<String, Object>();
      entry.put("active", true);
      entry.put("defaultValue", false);
      entry.put("label", value);
      entry.put("validFor", null);
      entry.put("value", value);
      entries.add(entry);
    }
    return entries;
  }
}
