package com.caskr.sync.ingest.orgwork;

import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ReconcileReason;
import com.caskr.sync.schema.events.SalesforceEntity;

/**
 * Reconciliation on request (sync commands, Pub/Sub recovery): implemented by {@code reconcile},
 * called by {@code commands}. Returns once the repairs are acknowledged by Kafka (or another run of
 * the same org and entity is already in progress); throws when the run failed.
 */
public interface OrgReconciliations {

  void reconcileNow(Tenant tenant, SalesforceEntity entity, ReconcileReason reason, String traceId);
}
