package com.caskr.sync.ingest.leadership;

import com.caskr.sync.schema.Tenant;

/**
 * Told when this instance starts or stops working an org. Called on the leadership thread, one call
 * at a time and in order; keep it short (start or stop workers, do not wait for them).
 */
public interface LeadershipListener {

  void onAcquired(Tenant tenant);

  void onLost(Tenant tenant);
}
