package com.caskr.sync.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.ingest.webhook.HttpLoad.HttpResponseFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark load generator's response framing: it must not count a half-read answer. */
class HttpLoadTest {

  @Test
  void aResponseWithContentLengthIsCompleteOnceItsBodyIsRead() {
    String response =
        "HTTP/1.1 202 \r\nContent-Type: application/json\r\nContent-Length: 16\r\n"
            + "Date: Sun, 22 Nov 2026 23:50:00 GMT\r\n\r\n{\"event_id\":\"e\"}";
    for (int cut = 0; cut < response.length(); cut++) {
      assertThat(frame(response.substring(0, cut))).as("cut at %d", cut).isNull();
    }
    assertThat(frame(response)).isEqualTo(new HttpResponseFrame(202, true));
  }

  @Test
  void aChunkedResponseIsCompleteAtItsLastChunkAndTrailers() {
    String response =
        "HTTP/1.1 200 \r\ntransfer-encoding: chunked\r\n\r\n4\r\n{\"st\r\n"
            + "b;ext=1\r\natus\":\"UP\"}\r\n0\r\n\r\n";
    for (int cut = 0; cut < response.length(); cut++) {
      assertThat(frame(response.substring(0, cut))).as("cut at %d", cut).isNull();
    }
    assertThat(frame(response)).isEqualTo(new HttpResponseFrame(200, true));
    String trailers = "HTTP/1.1 200 \r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: 1\r\n\r\n";
    assertThat(frame(trailers.substring(0, trailers.length() - 2))).isNull();
    assertThat(frame(trailers)).isEqualTo(new HttpResponseFrame(200, true));
  }

  @Test
  void aServerClosingTheConnectionSaysSo() {
    assertThat(frame("HTTP/1.1 503 \r\nConnection: close\r\nContent-Length: 0\r\n\r\n"))
        .isEqualTo(new HttpResponseFrame(503, false));
  }

  @Test
  void requestsCarryHostTypeHeadersAndLength() {
    var server = new java.net.InetSocketAddress("127.0.0.1", 8082);
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    assertThat(
            new String(HttpLoad.postJson(server, "/w", body, "X-S", "v"), StandardCharsets.UTF_8))
        .isEqualTo(
            "POST /w HTTP/1.1\r\nHost: 127.0.0.1:8082\r\nContent-Type: application/json\r\n"
                + "X-S: v\r\nContent-Length: 2\r\n\r\n{}");
    assertThat(new String(HttpLoad.get(server, "/h"), StandardCharsets.US_ASCII))
        .isEqualTo("GET /h HTTP/1.1\r\nHost: 127.0.0.1:8082\r\n\r\n");
  }

  private static HttpResponseFrame frame(String response) {
    byte[] bytes = response.getBytes(StandardCharsets.US_ASCII);
    byte[] buffer = new byte[bytes.length + 64];
    System.arraycopy(bytes, 0, buffer, 0, bytes.length);
    return HttpResponseFrame.of(buffer, bytes.length);
  }
}
