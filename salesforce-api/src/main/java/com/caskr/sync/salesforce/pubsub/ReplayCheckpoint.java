package com.caskr.sync.salesforce.pubsub;

/**
 * Persists the subscription's position. Called after the handler succeeded with the last handled
 * event's replay id, and with keepalives' {@code latest_replay_id} (which can move past the last
 * event, gotcha 11). Store the bytes and pass them to {@link ReplayStart#after} on the next start.
 */
@FunctionalInterface
public interface ReplayCheckpoint {

  void save(ReplayId position) throws Exception;
}
