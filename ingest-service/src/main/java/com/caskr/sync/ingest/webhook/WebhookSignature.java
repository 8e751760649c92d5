package com.caskr.sync.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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

  /**
   * Macs already keyed with a secret, per secret array, reused across requests: {@code
   * Mac.getInstance} and {@code init} on every webhook were ~3 % of its request thread. Keyed by
   * the array's identity and held weakly, so a secret {@link WebhookSecrets} no longer caches
   * (rotated, expired, reloaded) takes its Macs with it, and a new secret is a new array with its
   * own Macs. {@code doFinal} leaves a Mac keyed and reset for its next use.
   */
  private static final Map<byte[], Queue<Mac>> KEYED =
      Collections.synchronizedMap(new WeakHashMap<>());

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

  /**
   * The header's parts, or null when it is not of the documented form. Read by hand: {@code split}
   * and two regular expressions were most of the signature check besides the HMAC itself.
   */
  static Header parse(String header) {
    if (header == null || header.length() > 2048) {
      return null;
    }
    // As String.split(","): trailing empty items are dropped.
    int length = header.length();
    while (length > 0 && header.charAt(length - 1) == ',') {
      length--;
    }
    long timestamp = -1;
    List<byte[]> signatures = new ArrayList<>(1);
    for (int at = 0; at < length; ) {
      int comma = header.indexOf(',', at);
      int end = comma < 0 || comma > length ? length : comma;
      int from = at;
      int to = end;
      while (from < to && Character.isWhitespace(header.charAt(from))) {
        from++;
      }
      while (to > from && Character.isWhitespace(header.charAt(to - 1))) {
        to--;
      }
      int equals = header.indexOf('=', from);
      if (equals <= from || equals >= to) {
        return null;
      }
      int value = equals + 1;
      if (equals - from == 1 && header.charAt(from) == 't') {
        if (timestamp >= 0 || !digits(header, value, to)) {
          return null;
        }
        timestamp = Long.parseLong(header, value, to, 10);
      } else if (equals - from == 2 && header.startsWith("v1", from)) {
        if (to - value != 64 || !hex(header, value, to)) {
          return null;
        }
        signatures.add(HexFormat.of().parseHex(header, value, to));
      }
      // Unknown schemes (a future v2) are ignored, as long as a v1 is there.
      at = end + 1;
    }
    if (timestamp < 0 || signatures.isEmpty()) {
      return null;
    }
    return new Header(timestamp, List.copyOf(signatures));
  }

  /** One to twelve ASCII digits. */
  private static boolean digits(String text, int from, int to) {
    if (to - from < 1 || to - from > 12) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean hex(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return true;
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
    Queue<Mac> macs = KEYED.computeIfAbsent(secret, key -> new ConcurrentLinkedQueue<>());
    Mac mac = macs.poll();
    if (mac == null) {
      mac = keyed(secret);
    }
    mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
    byte[] signature = mac.doFinal(body);
    macs.offer(mac);
    return signature;
  }

  private static Mac keyed(byte[] secret) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The header value a sender sends (tests, benchmarks, the README's example). */
  static String header(byte[] secret, long timestamp, byte[] body) {
    return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(sign(secret, timestamp, body));
  }
}
