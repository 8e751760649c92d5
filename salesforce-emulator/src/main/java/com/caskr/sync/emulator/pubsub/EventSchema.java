package com.caskr.sync.emulator.pubsub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.apache.avro.Schema;

/**
 * An Avro event schema with its id: 16 bytes of MD5 over the schema JSON, base64url without
 * padding, so ids look like Salesforce's 22-character ones and change whenever the schema does.
 */
record EventSchema(String id, Schema avro, String json) {

  static EventSchema of(Schema avro) {
    String json = avro.toString();
    return new EventSchema(fingerprint(json), avro, json);
  }

  private static String fingerprint(String json) {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5").digest(json.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has MD5", e);
    }
  }
}
