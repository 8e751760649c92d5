package com.caskr.sync.schema.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.schema.events.CustomerSynced;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicCatalogueTest {

  @Test
  void listsEveryTopicOfTheArchitectureOnce() {
    assertThat(TopicCatalogue.all())
        .extracting(Topic::name)
        .containsExactly(
            "salesforce.account.changed.v1",
            "salesforce.contact.changed.v1",
            "salesforce.opportunity.changed.v1",
            "caskr.customer.synced.v1",
            "caskr.order.synced.v1",
            "caskr.portal-user.synced.v1",
            "caskr.customer.changed.v1",
            "caskr.order.changed.v1",
            "caskr.portal-user.changed.v1",
            "sync.conflict.detected.v1",
            "sync.conflict.resolved.v1",
            "sync.command.v1",
            "auth.connection.changed.v1")
        .doesNotHaveDuplicates();
  }

  @Test
  void topicNamesAreUniqueIncludingDeadLetters() {
    var names = new HashSet<String>();
    TopicCatalogue.allWithDeadLetters()
        .forEach(topic -> assertThat(names.add(topic.name())).as(topic.name()).isTrue());
    assertThat(names).hasSize(26).contains("sync.command.v1.dlq");
  }

  @Test
  void isUnmodifiable() {
    assertThatThrownBy(() -> TopicCatalogue.all().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> TopicCatalogue.allWithDeadLetters().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void changeStreamsKeepAWeekOnTwelvePartitions() {
    assertThat(TopicCatalogue.all())
        .filteredOn(
            topic -> topic.name().endsWith(".changed.v1") && !topic.name().startsWith("auth."))
        .hasSize(6)
        .allSatisfy(
            topic -> {
              assertThat(topic.partitions()).isEqualTo(12);
              assertThat(topic.retention()).isEqualTo(Duration.ofDays(7));
              assertThat(topic.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
            });
  }

  @Test
  void syncedSnapshotsAreCompacted() {
    assertThat(TopicCatalogue.all())
        .filteredOn(topic -> topic.name().endsWith(".synced.v1"))
        .hasSize(3)
        .allSatisfy(
            topic -> {
              assertThat(topic.partitions()).isEqualTo(12);
              assertThat(topic.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
              assertThat(topic.retention()).isNull();
            });
  }

  @Test
  void conflictsCommandsAndConnectionsHaveTheirOwnSizes() {
    assertThat(TopicCatalogue.SYNC_CONFLICT_DETECTED.partitions()).isEqualTo(6);
    assertThat(TopicCatalogue.SYNC_CONFLICT_RESOLVED.retention()).isEqualTo(Duration.ofDays(30));
    assertThat(TopicCatalogue.SYNC_COMMAND.partitions()).isEqualTo(3);
    assertThat(TopicCatalogue.SYNC_COMMAND.retention()).isEqualTo(Duration.ofDays(7));
    assertThat(TopicCatalogue.AUTH_CONNECTION_CHANGED.partitions()).isEqualTo(3);
    assertThat(TopicCatalogue.AUTH_CONNECTION_CHANGED.cleanupPolicy())
        .isEqualTo(CleanupPolicy.COMPACT);
    assertThat(TopicCatalogue.AUTH_CONNECTION_CHANGED.keyFormat()).isEqualTo("<companyId>");
  }

  @Test
  void keyFormatsFollowTheSideTheRecordLivesOn() {
    assertThat(TopicCatalogue.SALESFORCE_OPPORTUNITY_CHANGED.keyFormat())
        .isEqualTo("<orgId18>/<recordId18>");
    assertThat(TopicCatalogue.CASKR_PORTAL_USER_CHANGED.keyFormat())
        .isEqualTo("<companyId>/<portalUserId>");
    assertThat(TopicCatalogue.SYNC_CONFLICT_RESOLVED.keyFormat())
        .isEqualTo("<companyId>/<conflictId>");
    assertThat(TopicCatalogue.SYNC_COMMAND.keyFormat()).isEqualTo("<companyId>/<orgId18>");
  }

  @Test
  void deadLetterTopicKeepsKeyTypeAndPartitionsForAMonth() {
    Topic dlq = TopicCatalogue.CASKR_CUSTOMER_SYNCED.deadLetter();

    assertThat(dlq.name()).isEqualTo("caskr.customer.synced.v1.dlq");
    assertThat(dlq.keyFormat()).isEqualTo("<companyId>/<customerId>");
    assertThat(dlq.valueType()).isEqualTo(CustomerSynced.class);
    assertThat(dlq.partitions()).isEqualTo(12);
    assertThat(dlq.retention()).isEqualTo(Duration.ofDays(30));
    assertThat(dlq.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
    assertThat(dlq.isDeadLetter()).isTrue();
    assertThat(dlq.baseName()).isEqualTo("caskr.customer.synced.v1");
    assertThatThrownBy(dlq::deadLetter).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void looksUpBaseAndDeadLetterTopicsByName() {
    assertThat(TopicCatalogue.byName("salesforce.account.changed.v1"))
        .contains(TopicCatalogue.SALESFORCE_ACCOUNT_CHANGED);
    assertThat(TopicCatalogue.byName("salesforce.account.changed.v1.dlq"))
        .hasValueSatisfying(
            topic -> {
              assertThat(topic.valueType()).isEqualTo(SalesforceRecordChanged.class);
              assertThat(topic.isDeadLetter()).isTrue();
            });
    assertThat(TopicCatalogue.byName("salesforce.lead.changed.v1")).isEmpty();
    assertThat(TopicCatalogue.byName("salesforce.account.changed.v1.dlq.dlq")).isEmpty();
    assertThat(TopicCatalogue.byName(".dlq")).isEmpty();
    assertThat(TopicCatalogue.byName(null)).isEqualTo(Optional.empty());
  }

  @Test
  void declaresDeleteTopicsWithRetentionAndCompactedTopicsWithout() {
    NewTopic changed = TopicCatalogue.SALESFORCE_CONTACT_CHANGED.newTopic();
    assertThat(changed.name()).isEqualTo("salesforce.contact.changed.v1");
    assertThat(changed.numPartitions()).isEqualTo(12);
    assertThat(changed.replicationFactor()).isEqualTo((short) -1);
    assertThat(changed.configs())
        .isEqualTo(Map.of("cleanup.policy", "delete", "retention.ms", "604800000"));

    NewTopic compacted = TopicCatalogue.AUTH_CONNECTION_CHANGED.newTopic((short) 3);
    assertThat(compacted.replicationFactor()).isEqualTo((short) 3);
    assertThat(compacted.configs()).isEqualTo(Map.of("cleanup.policy", "compact"));

    assertThat(TopicCatalogue.SYNC_COMMAND.deadLetter().newTopic().configs())
        .containsEntry("retention.ms", "2592000000");
  }

  @Test
  void refusesInconsistentTopicSpecs() {
    assertThatThrownBy(
            () ->
                new Topic("Bad Name", "<k>", CustomerSynced.class, 1, null, CleanupPolicy.COMPACT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Topic(
                    "a.b.v1",
                    "<k>",
                    CustomerSynced.class,
                    1,
                    Duration.ofDays(1),
                    CleanupPolicy.COMPACT))
        .hasMessage("a.b.v1: a compacted topic has no retention");
    assertThatThrownBy(
            () -> new Topic("a.b.v1", "<k>", CustomerSynced.class, 1, null, CleanupPolicy.DELETE))
        .hasMessage("a.b.v1: a delete topic needs a positive retention");
    assertThatThrownBy(
            () ->
                new Topic(
                    "a.b.v1",
                    "<k>",
                    CustomerSynced.class,
                    0,
                    Duration.ofDays(1),
                    CleanupPolicy.DELETE))
        .hasMessage("a.b.v1: partitions must be at least 1");
  }
}
