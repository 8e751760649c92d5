package com.caskr.sync.emulator.pubsub;

/**
 * A topic of one org.
 *
 * @param entity the CDC entity (null for the firehose and platform events)
 * @param publishable platform events only: CDC topics are written by the org itself
 */
record Topic(String name, EventSchema schema, String entity, boolean publishable) {

  static final String FIREHOSE = "/data/ChangeEvents";

  static String changeTopic(String entity) {
    return "/data/" + entity + "ChangeEvent";
  }

  /** Whether an event logged under {@code loggedTopic} belongs to this topic's stream. */
  boolean carries(String loggedTopic) {
    return name.equals(loggedTopic) || (name.equals(FIREHOSE) && loggedTopic.startsWith("/data/"));
  }
}
