package com.caskr.sync.salesforce.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.emulator.SalesforceEmulatorApplication;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.pubsub.PubSubServer;
import com.caskr.sync.salesforce.pubsub.EmulatorPubSub.MintedSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

@SpringBootTest(
    classes = SalesforceEmulatorApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      EmulatorPubSub.PROPERTY_PORTS,
      EmulatorPubSub.PROPERTY_KEEPALIVE,
      EmulatorPubSub.PROPERTY_ADMIN
    })
@Import(EmulatorPubSub.class)
class PubSubPublisherIntegrationTest {

  private static final String TOPIC = "/event/Caskr_Sync__e";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @LocalServerPort int httpPort;
  @Autowired PubSubServer server;
  @Autowired Orgs orgs;
  @Autowired MintedSessions sessions;

  private Org org;
  private String token;
  private PubSubPublisher publisher;

  @BeforeEach
  void freshOrg() {
    org = EmulatorPubSub.newOrg(orgs);
    token = sessions.mint(org);
    publisher =
        PubSubPublisher.connect(
            Endpoint.plaintext("localhost", server.port()),
            CredentialsSource.fixed(EmulatorPubSub.credentials(token, org, httpPort)));
  }

  @AfterEach
  void closePublisher() {
    publisher.close();
  }

  @Test
  void publishesPlatformEventsThatASubscriberReceives() {
    var recorder = new Recorder();
    try (var subscriber =
        PubSubSubscriber.builder()
            .endpoint(Endpoint.plaintext("localhost", server.port()))
            .credentials(CredentialsSource.fixed(EmulatorPubSub.credentials(token, org, httpPort)))
            .topic(TOPIC)
            .startFrom(ReplayStart.earliest())
            .handler(recorder)
            .build()
            .start()) {

      List<PublishOutcome> outcomes =
          publisher.publish(
              TOPIC, List.of(syncEvent("001000000000001AAA"), syncEvent("001000000000002AAA")));

      assertThat(outcomes).hasSize(2).allMatch(PublishOutcome.Published.class::isInstance);
      await().atMost(WAIT).until(() -> recorder.events().size() == 2);
      List<PlatformEvent> received =
          recorder.events().stream().map(PlatformEvent.class::cast).toList();
      for (int i = 0; i < 2; i++) {
        var published = (PublishOutcome.Published) outcomes.get(i);
        assertThat(received.get(i).replayId()).isEqualTo(published.replayId());
        assertThat(received.get(i).eventId()).isEqualTo(published.correlationKey());
        assertThat(received.get(i).topic()).isEqualTo(TOPIC);
      }
      assertThat(received.getFirst().values())
          .contains(
              entry("Record_Id__c", "001000000000001AAA"),
              entry("Entity__c", "Account"),
              entry("Action__c", "UPDATED"));
      assertThat(received.getFirst().values().get("CreatedDate")).isInstanceOf(Instant.class);
    }
  }

  @Test
  void splitsLargeListsIntoRequestsTheServerAccepts() {
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < 450; i++) {
      events.add(syncEvent("001000000000001AAA"));
    }

    List<PublishOutcome> outcomes = publisher.publish(TOPIC, events);

    assertThat(outcomes).hasSize(450).allMatch(PublishOutcome.Published.class::isInstance);
    assertThat(outcomes.stream().map(o -> ((PublishOutcome.Published) o).replayId()).distinct())
        .hasSize(450);
  }

  @Test
  void refusesBadEventsBeforeSendingAnything() {
    var unknownField = new java.util.HashMap<>(syncEvent("001000000000001AAA"));
    unknownField.put("Bogus__c", "x");

    assertThatThrownBy(() -> publisher.publish(TOPIC, List.of(syncEvent("a"), unknownField)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Bogus__c");
    assertThatThrownBy(() -> publisher.publish(TOPIC, List.of(Map.of("Record_Id__c", "x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing required field");
  }

  @Test
  void refusesToPublishToAChangeDataCaptureChannel() {
    assertThatThrownBy(
            () -> publisher.publish("/data/AccountChangeEvent", List.of(Map.of("Name", "x"))))
        .isInstanceOfSatisfying(
            PubSubException.class,
            e -> assertThat(e.reason()).isEqualTo(PubSubException.Reason.REJECTED));
  }

  @Test
  void refreshesRejectedCredentialsOnceThenPublishes() {
    var refreshes = new AtomicInteger();
    var source =
        new CredentialsSource() {
          @Override
          public PubSubCredentials current() {
            return EmulatorPubSub.credentials("00D!expired", org, httpPort);
          }

          @Override
          public PubSubCredentials refresh() {
            refreshes.incrementAndGet();
            return EmulatorPubSub.credentials(token, org, httpPort);
          }
        };
    try (var refreshing =
        PubSubPublisher.connect(Endpoint.plaintext("localhost", server.port()), source)) {

      assertThat(refreshing.publish(TOPIC, List.of(syncEvent("001000000000001AAA"))))
          .singleElement()
          .isInstanceOf(PublishOutcome.Published.class);
      assertThat(refreshes).hasValue(1);
    }
  }

  private Map<String, Object> syncEvent(String recordId) {
    return Map.of(
        "CreatedById",
        org.adminUserId(),
        "Record_Id__c",
        recordId,
        "Entity__c",
        "Account",
        "Action__c",
        "UPDATED");
  }
}
