package com.caskr.sync.emulator.pubsub;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * A platform event an org defines ({@code /event/<name>}): CreatedDate (long epoch millis) and
 * CreatedById, as every platform event has, then its custom text fields as {@code
 * ["null","string"]} default null.
 *
 * @param name API name ending in {@code __e}
 * @param fields custom field API names ending in {@code __c}
 */
public record PlatformEventType(String name, List<String> fields) {

  private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

  /** Caskr's sync notification: which record of which entity did what, with a JSON payload. */
  public static final PlatformEventType CASKR_SYNC =
      new PlatformEventType(
          "Caskr_Sync__e", List.of("Record_Id__c", "Entity__c", "Action__c", "Payload__c"));

  public PlatformEventType {
    if (name == null || !name.endsWith("__e") || !API_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a platform event API name: " + name);
    }
    for (String field : fields) {
      if (field == null || !field.endsWith("__c") || !API_NAME.matcher(field).matches()) {
        throw new IllegalArgumentException("Not a custom field API name: " + field);
      }
    }
    fields = List.copyOf(fields);
  }

  String topic() {
    return "/event/" + name;
  }

  EventSchema schema() {
    var avroFields = new ArrayList<Schema.Field>();
    avroFields.add(
        new Schema.Field("CreatedDate", Schema.create(Schema.Type.LONG), "CreatedDate:DateTime"));
    avroFields.add(new Schema.Field("CreatedById", Schema.create(Schema.Type.STRING)));
    for (String field : fields) {
      avroFields.add(
          new Schema.Field(
              field,
              Schema.createUnion(
                  Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
              null,
              JsonProperties.NULL_VALUE));
    }
    return EventSchema.of(
        Schema.createRecord(name, null, ChangeEventSchema.NAMESPACE, false, avroFields));
  }
}
