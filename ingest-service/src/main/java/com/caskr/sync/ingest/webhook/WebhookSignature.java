package com.caskr.sync.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Caskr-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}. Several
 * {@code v1} entries may be sent (a sender moving between secrets during a rotation); one valid
 * entry is enough. Comparison is constant-time; the timestamp must lie within the window of now in
 * either direction, which together with the event-id ledger defeats replays.
 */
final class WebhookSignature {

  static final String HEADER = "X-Caskr-Signature";
  static final Duration WINDOW = Duration.ofMinutes(5);

  private static final String ALGORITHM = "HmacSHA256";
  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  /** Why a signature does not hold. */
  enum Problem {
    MISSING,
    MALFORMED,
    STALE,
    MISMATCH
  }

  /** A parsed header. */
  record Header(long timestamp, List<byte[]> signatures) {}

  private WebhookSignature() {}

  /** The header's parts, or null when it is not of the documented form. */
  static Header parse(String header) {
    if (header == null || header.length() > 2048) {
      return null;
    }
    Long timestamp = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      String item = part.strip();
      int equals = item.indexOf('=');
      if (equals <= 0) {
        return null;
      }
      String key = item.substring(0, equals);
      String value = item.substring(equals + 1);
      try {
        switch (key) {
          case "t" -> {
            if (timestamp != null || !TIMESTAMP.matcher(value).matches()) {
              return null;
            }
            timestamp = Long.parseLong(value);
          }
          case "v1" -> {
            if (!HEX_SHA256.matcher(value).matches()) {
              return null;
            }
            signatures.add(HexFormat.of().parseHex(value));
          }
          default -> {
            // Unknown schemes (a future v2) are ignored, as long as a v1 is there.
          }
        }
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    if (timestamp == null || signatures.isEmpty()) {
      return null;
    }
    return new Header(timestamp, List.copyOf(signatures));
  }

  /** The problem with {@code header} for {@code body} under any of {@code secrets}, or null. */
  static Problem check(String header, byte[] body, List<byte[]> secrets, Instant now) {
    if (header == null || header.isBlank()) {
      return Problem.MISSING;
    }
    Header parsed = parse(header);
    if (parsed == null) {
      return Problem.MALFORMED;
    }
    Instant signedAt = Instant.ofEpochSecond(parsed.timestamp());
    if (Duration.between(signedAt, now).abs().compareTo(WINDOW) > 0) {
      return Problem.STALE;
    }
    boolean matches = false;
    for (byte[] secret : secrets) {
      byte[] expected = sign(secret, parsed.timestamp(), body);
      for (byte[] given : parsed.signatures()) {
        // Every pair is compared, so timing tells nothing about which one matched.
        matches |= MessageDigest.isEqual(expected, given);
      }
    }
    return matches ? null : Problem.MISMATCH;
  }

  /** HMAC-SHA256 over {@code t + "." + body}. */
  static byte[] sign(byte[] secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The header value a sender sends (tests, benchmarks, the README's example). */
  static String header(byte[] secret, long timestamp, byte[] body) {
    return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(sign(secret, timestamp, body));
  }
}
