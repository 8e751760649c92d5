package com.caskr.sync.ingest.pubsub;

import com.caskr.sync.schema.events.SalesforceEntity;

/** The Pub/Sub API topics ingest-service subscribes to for every org it leads. */
enum StreamTopic {
  ACCOUNT("/data/AccountChangeEvent", SalesforceEntity.ACCOUNT),
  CONTACT("/data/ContactChangeEvent", SalesforceEntity.CONTACT),
  OPPORTUNITY("/data/OpportunityChangeEvent", SalesforceEntity.OPPORTUNITY),
  /** Line-item changes travel as events of their parent opportunity. */
  OPPORTUNITY_LINE_ITEM("/data/OpportunityLineItemChangeEvent", SalesforceEntity.OPPORTUNITY),
  /** Platform event naming an entity and a record id: fetch the record and publish it. */
  CASKR_SYNC("/event/Caskr_Sync__e", null);

  private final String topicName;
  private final SalesforceEntity publishes;

  StreamTopic(String topicName, SalesforceEntity publishes) {
    this.topicName = topicName;
    this.publishes = publishes;
  }

  String topicName() {
    return topicName;
  }

  /** The entity whose topic this CDC channel feeds; null for the platform event. */
  SalesforceEntity publishes() {
    return publishes;
  }
}
