package com.caskr.sync.salesforce.pubsub;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handler that keeps what it was given, in order, and the size of every batch. */
class Recorder implements EventHandler {

  private final List<PubSubEvent> events = new CopyOnWriteArrayList<>();
  private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

  @Override
  public void handle(List<PubSubEvent> batch) throws Exception {
    events.addAll(batch);
    batchSizes.add(batch.size());
  }

  List<PubSubEvent> events() {
    return List.copyOf(events);
  }

  List<ChangeEvent> changes() {
    return events.stream().map(ChangeEvent.class::cast).toList();
  }

  List<Integer> batchSizes() {
    return List.copyOf(batchSizes);
  }

  long distinct() {
    return events.stream().map(PubSubEvent::replayId).distinct().count();
  }
}
