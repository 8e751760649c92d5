package com.caskr.sync.emulator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.Api;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.TestClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RestTestBeans.class)
class ConditionalRequestsIntegrationTest {

  private static final String ACCOUNTS = "/services/data/v62.0/sobjects/Account";
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  @LocalServerPort int port;
  @Autowired Orgs orgs;
  @Autowired TestClock clock;
  @Autowired RestTestBeans.MintedSessions sessions;

  Org org;
  Api api;
  String id;

  @BeforeEach
  void anAccount() {
    org = RestTestBeans.demoOrg(orgs, 100_000, false);
    api = new Api(port, sessions.mint(org));
    id = Api.json(api.post(ACCOUNTS, "{\"Name\":\"Copper Still\"}")).get("id").asString();
  }

  private static String header(HttpResponse<String> response, String name) {
    return response.headers().firstValue(name).orElseThrow();
  }

  private String now(Duration offset) {
    return HTTP_DATE.format(clock.instant().plus(offset));
  }

  @Test
  void getAnswers304WhileTheRowIsUnchangedSinceTheDate() {
    var first = api.get(ACCOUNTS + "/" + id);
    String lastModified = header(first, "Last-Modified");

    var unchanged = api.withHeaders("If-Modified-Since", lastModified).get(ACCOUNTS + "/" + id);
    assertThat(unchanged.statusCode()).isEqualTo(304);
    assertThat(unchanged.body()).isEmpty();

    clock.advance(Duration.ofSeconds(5));
    api.patch(ACCOUNTS + "/" + id, "{\"Phone\":\"1\"}");
    var changed = api.withHeaders("If-Modified-Since", lastModified).get(ACCOUNTS + "/" + id);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(Api.json(changed).get("Phone").asString()).isEqualTo("1");
  }

  @Test
  void accountETagsGive304AndGuardWrites() {
    String etag = header(api.get(ACCOUNTS + "/" + id), "ETag");
    assertThat(etag).startsWith("\"").endsWith("\"");

    assertThat(api.withHeaders("If-None-Match", etag).get(ACCOUNTS + "/" + id).statusCode())
        .isEqualTo(304);
    assertThat(
            api.withHeaders("If-Match", etag)
                .patch(ACCOUNTS + "/" + id, "{\"Phone\":\"2\"}")
                .statusCode())
        .isEqualTo(204);

    var stale = api.withHeaders("If-Match", etag).patch(ACCOUNTS + "/" + id, "{\"Phone\":\"3\"}");
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(Api.json(stale).get(0).get("errorCode").asString()).isEqualTo("PRECONDITION_FAILED");
    assertThat(org.read("Account", id).get("Phone")).isEqualTo("2");
    assertThat(api.withHeaders("If-Match", etag).delete(ACCOUNTS + "/" + id).statusCode())
        .isEqualTo(412);
    assertThat(org.read("Account", id).get("IsDeleted")).isEqualTo(false);
  }

  @Test
  void ifUnmodifiedSinceRefusesWritesAfterAChange() {
    String before = now(Duration.ZERO);
    clock.advance(Duration.ofSeconds(5));
    assertThat(
            api.withHeaders("If-Unmodified-Since", before)
                .patch(ACCOUNTS + "/" + id, "{\"Phone\":\"4\"}")
                .statusCode())
        .isEqualTo(204);

    var refused =
        api.withHeaders("If-Unmodified-Since", before)
            .patch(ACCOUNTS + "/" + id, "{\"Phone\":\"5\"}");
    assertThat(refused.statusCode()).isEqualTo(412);
    assertThat(org.read("Account", id).get("Phone")).isEqualTo("4");
    assertThat(
            api.withHeaders("If-Unmodified-Since", now(Duration.ofSeconds(1)))
                .delete(ACCOUNTS + "/" + id)
                .statusCode())
        .isEqualTo(204);
  }

  @Test
  void contactsHaveNoETag() {
    String contact =
        Api.json(api.post("/services/data/v62.0/sobjects/Contact", "{\"LastName\":\"Marsh\"}"))
            .get("id")
            .asString();
    var read = api.get("/services/data/v62.0/sobjects/Contact/" + contact);
    assertThat(read.headers().firstValue("ETag")).isEmpty();
    assertThat(
            api.withHeaders("If-Match", "\"nope\"")
                .patch("/services/data/v62.0/sobjects/Contact/" + contact, "{\"Title\":\"x\"}")
                .statusCode())
        .isEqualTo(204);
  }

  @Test
  void describeAnswers304WhenNotModifiedSince() {
    var described = api.get(ACCOUNTS + "/describe");
    assertThat(described.statusCode()).isEqualTo(200);
    String lastModified = header(described, "Last-Modified");

    assertThat(
            api.withHeaders("If-Modified-Since", lastModified)
                .get(ACCOUNTS + "/describe")
                .statusCode())
        .isEqualTo(304);
    assertThat(
            api.withHeaders("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT")
                .get(ACCOUNTS + "/describe")
                .statusCode())
        .isEqualTo(200);
  }
}
