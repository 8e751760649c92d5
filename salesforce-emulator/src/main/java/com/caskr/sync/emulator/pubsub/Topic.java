package com.caskr.sync.emulator.pubsub;

/**
 * A topic of one org.
 *
 * @param schema the schema events are published and delivered with; null for the firehose, which
 *     carries every entity's change events with their own schemas
 * @param publishable platform events only: CDC topics are written by the org itself
 */
record Topic(String name, EventSchema schema, boolean publishable) {

  static final String FIREHOSE = "/data/ChangeEvents";

  static String changeTopic(String entity) {
    return "/data/" + entity + "ChangeEvent";
  }

  /** Whether an event logged under {@code loggedTopic} belongs to this topic's stream. */
  boolean carries(String loggedTopic) {
    return name.equals(loggedTopic) || (name.equals(FIREHOSE) && loggedTopic.startsWith("/data/"));
  }
}
