package com.caskr.sync.mapping.apply;

import com.caskr.sync.mapping.apply.Applied.Outcome;
import com.caskr.sync.mapping.conflictqueue.ConflictQueue;
import com.caskr.sync.mapping.conflictqueue.RecordPair;
import com.caskr.sync.mapping.conflicts.ConflictDetector;
import com.caskr.sync.mapping.conflicts.FieldConflict;
import com.caskr.sync.mapping.conflicts.FieldDecision;
import com.caskr.sync.mapping.conflicts.RecordSides;
import com.caskr.sync.mapping.conflicts.ThreeWayResult;
import com.caskr.sync.mapping.fieldmap.FieldIssue;
import com.caskr.sync.mapping.fieldmap.FieldMapper;
import com.caskr.sync.mapping.fieldmap.FieldRules;
import com.caskr.sync.mapping.fieldmap.MappedRecord;
import com.caskr.sync.mapping.mappings.EntityMapping;
import com.caskr.sync.mapping.mappings.EntityMappings;
import com.caskr.sync.mapping.outbox.Outbox;
import com.caskr.sync.mapping.rules.RecordRules;
import com.caskr.sync.mapping.settings.CompanySettings;
import com.caskr.sync.mapping.settings.SyncPreference;
import com.caskr.sync.mapping.synclog.SyncLog;
import com.caskr.sync.mapping.synclog.SyncLogEntry;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeType;
import com.caskr.sync.schema.events.ConflictStrategy;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies Salesforce changes to Caskr, one or a batch per database transaction: the Caskr rows, the
 * record pair and its snapshot (crm_entity_mappings), a crm_sync_logs row, the outbox event {@code
 * caskr.<entity>.synced.v1} and the processed-event ledger row commit together or not at all.
 *
 * <p>Every transaction that writes Caskr tables sets {@code caskr.sync_origin = 'salesforce-sync'}
 * (transaction-local), which writeback-service's capture triggers read to leave these rows alone.
 *
 * <p>Order of checks: ledger (a redelivered event changes nothing), tenant (company exists and is
 * bound to the event's org), the entity's sync preference, the record lock and the stale check on
 * last_source_version, echoes of our own writeback, then the entity's rules.
 */
public final class ApplySalesforceChange {

  /** The value of {@code caskr.sync_origin} that writeback-service's triggers skip. */
  public static final String SYNC_ORIGIN = "salesforce-sync";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final EntityMappings mappings;
  private final SyncLog log;
  private final Outbox outbox;
  private final FieldMapper mapper;
  private final ConflictDetector detector;
  private final Clock clock;
  private final CaskrRows rows;
  private final CompanySettings settings;
  private final TenantGuard tenants;
  private final HeldChanges holds;
  private final ConflictQueue conflicts;
  private final Records records;

  ApplySalesforceChange(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      EntityMappings mappings,
      SyncLog log,
      Outbox outbox,
      FieldMapper mapper,
      ConflictDetector detector,
      CompanySettings settings,
      ConflictQueue conflicts,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.mappings = mappings;
    this.log = log;
    this.outbox = outbox;
    this.mapper = mapper;
    this.detector = detector;
    this.settings = settings;
    this.conflicts = conflicts;
    this.clock = clock;
    this.rows = new CaskrRows(jdbc);
    this.tenants = new TenantGuard(jdbc);
    this.holds = new HeldChanges(jdbc);
    this.records = new Records(jdbc, rows);
  }

  /**
   * Applies {@code event}, read from {@code topic}, and commits.
   *
   * @throws TenantMismatch when the event's company and org do not belong together (not retried)
   * @throws TenantNotConnected when the company is not connected yet (retried, then dead-lettered)
   */
  public Applied apply(SalesforceRecordChanged event, String topic) {
    Instant started = clock.instant();
    try {
      return transactions.execute(
          status -> {
            if (fresh(List.of(new Incoming(event, topic))).isEmpty()) {
              return new Applied(Outcome.DUPLICATE, null);
            }
            tenants.check(event.tenant());
            return new Change(event, started, Prefetched.none(), null).apply();
          });
    } catch (TenantMismatch refused) {
      // The event's transaction rolled back (ledger included, so a re-drive applies it later);
      // the refusal itself is recorded in a transaction of its own.
      recordRefusal(event, refused, started);
      throw refused;
    }
  }

  /**
   * Records in crm_sync_logs, in a transaction of its own, that {@code event} was refused and goes
   * to the dead-letter topic untouched: at once for a {@link TenantMismatch}, after the last retry
   * for a {@link TenantNotConnected}.
   */
  public void recordRefusal(SalesforceRecordChanged event, TenantRefusal refused) {
    recordRefusal(event, refused, clock.instant());
  }

  private void recordRefusal(
      SalesforceRecordChanged event, TenantRefusal refused, Instant started) {
    transactions.executeWithoutResult(status -> log.record(refusalEntry(event, refused, started)));
  }

  private static SyncLogEntry refusalEntry(
      SalesforceRecordChanged event, TenantRefusal refused, Instant started) {
    return new SyncLogEntry(
        event.tenant().companyId(),
        event.tenant().orgId(),
        event.entity().apiName(),
        "SKIP",
        event.source().name(),
        event.recordId(),
        null,
        "FAILED",
        refused instanceof TenantNotConnected ? "TENANT_NOT_CONNECTED" : "TENANT_MISMATCH",
        refused.getMessage() + "; dead-lettered untouched",
        event.eventId(),
        event.traceId(),
        started);
  }

  /**
   * Applies {@code changes} in their order in ONE transaction and commits. The tenants of the whole
   * batch are decided first with one query: a change whose tenant is refused is {@link
   * Outcome#REFUSED} (with the refusal; not in the ledger, nothing read or written for it, nothing
   * logged: the caller dead-letters it) and its neighbours apply without it. Then the ledger rows
   * of the accepted changes go in with one statement (events already applied, or listed twice, are
   * {@link Outcome#DUPLICATE}), and every accepted change goes through the same steps as {@link
   * #apply} in turn, so several versions of one record apply in order (the stale ones are logged as
   * such). Sync logs and outbox rows are written as multi-row inserts before the commit. Any
   * failure rolls the whole batch back; the caller then applies the changes one by one with {@link
   * #apply} to isolate the bad one.
   *
   * @return one result per change, in the same order
   */
  public List<Applied> applyAll(List<Incoming> changes) {
    return transactions.execute(
        status -> {
          Map<Tenant, Optional<TenantRefusal>> decisions =
              tenants.decide(changes.stream().map(change -> change.event().tenant()).toList());
          List<Incoming> accepted =
              changes.stream()
                  .filter(change -> decisions.get(change.event().tenant()).isEmpty())
                  .toList();
          Set<UUID> fresh = accepted.isEmpty() ? new HashSet<>() : fresh(accepted);
          List<SalesforceRecordChanged> toApply = new ArrayList<>();
          Set<UUID> seen = new HashSet<>();
          for (Incoming change : accepted) {
            UUID id = change.event().eventId();
            if (fresh.contains(id) && seen.add(id)) {
              toApply.add(change.event());
            }
          }
          Prefetched prefetched = Prefetched.load(toApply, jdbc);
          BatchedUpdates batched = new BatchedUpdates(jdbc);
          List<Applied> results = new ArrayList<>(changes.size());
          for (Incoming change : changes) {
            SalesforceRecordChanged event = change.event();
            Optional<TenantRefusal> refusal = decisions.get(event.tenant());
            if (refusal.isPresent()) {
              results.add(Applied.refused(refusal.get()));
            } else if (!fresh.remove(event.eventId())) {
              results.add(new Applied(Outcome.DUPLICATE, null));
            } else {
              boolean collects =
                  event.entity() == SalesforceEntity.ACCOUNT
                      && prefetched.holds(
                          event.tenant().companyId(), event.entity(), event.recordId());
              if (!collects) {
                // It may read what the collected updates write.
                batched.flush();
              }
              results.add(
                  new Change(event, clock.instant(), prefetched, collects ? batched : null)
                      .apply());
            }
          }
          batched.flush();
          return results;
        });
  }

  /**
   * Records in crm_sync_logs, in one transaction, that each of {@code refused} was refused and goes
   * to the dead-letter topic untouched (one multi-row insert).
   */
  public void recordRefusals(List<Map.Entry<SalesforceRecordChanged, TenantRefusal>> refused) {
    if (refused.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    transactions.executeWithoutResult(
        status ->
            refused.forEach(
                entry -> log.record(refusalEntry(entry.getKey(), entry.getValue(), now))));
  }

  /**
   * Records the changes in the processed-event ledger with one statement and returns the ids that
   * were not there yet (each once, however often the batch lists it). The same statement tags the
   * transaction's Caskr writes for writeback-service's triggers ({@code caskr.sync_origin}, set
   * before anything of the changes is written; a transaction with no change to record writes
   * nothing to tag).
   */
  private Set<UUID> fresh(List<Incoming> changes) {
    String[] ids = new String[changes.size()];
    Long[] companies = new Long[changes.size()];
    String[] topics = new String[changes.size()];
    for (int i = 0; i < changes.size(); i++) {
      ids[i] = changes.get(i).event().eventId().toString();
      companies[i] = changes.get(i).event().tenant().companyId();
      topics[i] = changes.get(i).topic();
    }
    return new HashSet<>(
        jdbc.sql(
                "WITH origin AS (SELECT set_config('caskr.sync_origin', ?, true) AS tag)"
                    + " INSERT INTO mapping.processed_events (event_id, company_id, topic)"
                    + " SELECT u.event_id, u.company_id, u.topic FROM origin,"
                    + " unnest(?::uuid[], ?::bigint[], ?::text[]) AS u(event_id, company_id, topic)"
                    + " WHERE origin.tag = ?"
                    + " ON CONFLICT (event_id) DO NOTHING RETURNING event_id")
            .params(SYNC_ORIGIN, ids, companies, topics, SYNC_ORIGIN)
            .query(UUID.class)
            .list());
  }

  /** One event being applied; holds what every step needs. */
  private final class Change {

    private final SalesforceRecordChanged event;
    private final Instant started;
    private final long company;
    private final CaskrTable table;
    private final Prefetched prefetched;
    private Map<String, Object> fields;

    /** The Caskr row read with the pair up front, if any; used by the change's first read. */
    private CaskrRows.Row prefetchedRow;

    /** Whether the pair came from the prefetch with no pending conflict on its row. */
    private boolean knownUndisputed;

    /**
     * Where a plain update of this change's row is collected (the first change of a prefetched
     * Account pair in a batch), null to write at once.
     */
    private final BatchedUpdates batched;

    Change(
        SalesforceRecordChanged event,
        Instant started,
        Prefetched prefetched,
        BatchedUpdates batched) {
      this.event = event;
      this.batched = batched;
      this.started = started;
      this.prefetched = prefetched;
      this.company = event.tenant().companyId();
      this.table = CaskrTable.of(event.entity());
      this.fields = event.fields();
    }

    /** Everything after the ledger and the tenant check. */
    Applied apply() {
      fields = records.withOwnerEmail(event);
      SyncPreference preference = settings.preference(company, event.entity());
      if (!preference.appliesSalesforceChanges()) {
        return skipped(null, "SYNC_DISABLED", event.entity().apiName() + " does not sync inbound");
      }
      Optional<Prefetched.Taken> taken = prefetched.take(company, event.entity(), event.recordId());
      prefetchedRow = taken.map(Prefetched.Taken::row).orElse(null);
      knownUndisputed = taken.map(read -> !read.pendingConflicts()).orElse(false);
      Optional<EntityMapping> mapping =
          taken
              .map(Prefetched.Taken::pair)
              .or(() -> mappings.lock(company, event.entity(), event.recordId()));
      if (mapping.isPresent() && mapping.get().isStale(event.sourceVersion())) {
        return outcome(
            Outcome.STALE,
            "SKIP",
            "SKIPPED",
            mapping.get().caskrId(),
            "STALE",
            "sourceVersion "
                + event.sourceVersion()
                + " is not newer than "
                + mapping.get().lastSourceVersion());
      }
      if (event.echo()) {
        mapping.ifPresent(pair -> mappings.advance(pair.id(), event.sourceVersion()));
        return outcome(
            Outcome.ECHO,
            "SKIP",
            "SKIPPED",
            mapping.map(EntityMapping::caskrId).orElse(null),
            "ECHO",
            "our own writeback (changeOrigin " + event.changeOrigin() + ")");
      }
      if (event.changeType() == ChangeType.DELETE) {
        return delete(mapping);
      }
      FieldRules rules = settings.fieldRules(company, event.entity());
      if (mapping.isPresent()) {
        return update(mapping.get(), rules, preference);
      }
      return create(rules, preference);
    }

    private Applied delete(Optional<EntityMapping> mapping) {
      if (mapping.isEmpty()) {
        return skipped(null, "NOT_MAPPED", "deleted before it was ever synced");
      }
      EntityMapping pair = mapping.get();
      rows.updateAndSync(
          table,
          company,
          pair.caskrId(),
          event.recordId(),
          Map.of(),
          false,
          mappings,
          pair,
          pair.lastSyncedFields(),
          event.sourceVersion(),
          true);
      return done(Outcome.DEACTIVATED, "DELETE", pair.caskrId(), List.of());
    }

    private Applied update(EntityMapping pair, FieldRules rules, SyncPreference preference) {
      boolean restore = pair.deleted() || event.changeType() == ChangeType.UNDELETE;
      CaskrRows.Row row =
          Optional.ofNullable(prefetchedRow)
              .filter(read -> read.id() == pair.caskrId())
              .or(() -> rows.read(table, company, pair.caskrId()))
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          table.caskrEntity() + " " + pair.caskrId() + " of a mapping is gone"));
      if (event.entity() == SalesforceEntity.OPPORTUNITY
          && RecordRules.leavesClosedWon(event.fields())) {
        return leftClosedWon(pair, row);
      }
      MappedRecord mapped = mapper.mapChange(rules, fields);
      if (!mapped.valid()) {
        return invalid(mapped, pair.caskrId());
      }
      Optional<Applied> held = holdIfBlocked(mapped.values(), pair.caskrId());
      if (held.isPresent()) {
        return held.get();
      }
      ThreeWayResult result =
          detector.decide(
              rules,
              preference.conflictStrategy(),
              new RecordSides(
                  mapped.values(),
                  row.values(),
                  pair.lastSyncedFields(),
                  event.sourceVersion(),
                  row.updatedAt()));
      Map<String, Object> updates = result.caskrUpdates();
      boolean linesChanged =
          event.entity() == SalesforceEntity.OPPORTUNITY
              && records.replaceLines(company, pair.caskrId(), event.lineItems());
      boolean unlinked =
          !event.recordId().value().equals(row.values().get(table.salesforceIdColumn()));
      Map<String, Object> snapshot = result.nextSnapshot(pair.lastSyncedFields());
      if (batched != null
          && row == prefetchedRow
          && !updates.isEmpty()
          && !restore
          && !unlinked
          && !linesChanged
          && knownUndisputed
          && result.forReview().isEmpty()
          && result.resolved().isEmpty()) {
        // A plain update: written with the batch's others (no conflict to store or dismiss).
        List<String> notes = warnings(mapped);
        batched.add(
            new BatchedUpdates.Update(
                table,
                company,
                pair.caskrId(),
                event.recordId(),
                updates,
                pair.id(),
                snapshot,
                event.sourceVersion(),
                written -> {
                  publish(written, SyncOutcome.UPDATED);
                  done(Outcome.UPDATED, "UPDATE", pair.caskrId(), notes);
                }));
        return new Applied(Outcome.UPDATED, pair.caskrId());
      }
      CaskrRows.Row current = row;
      if (!updates.isEmpty() || restore || unlinked) {
        // The row and its pair's sync in one statement.
        current =
            rows.updateAndSync(
                table,
                company,
                pair.caskrId(),
                event.recordId(),
                updates,
                restore ? true : null,
                mappings,
                pair,
                snapshot,
                event.sourceVersion(),
                false);
      } else {
        mappings.synced(
            pair.id(),
            snapshot,
            event.sourceVersion(),
            current.updatedAt(),
            event.sourceVersion(),
            false);
      }
      if (!knownUndisputed || !result.forReview().isEmpty() || !result.resolved().isEmpty()) {
        // Otherwise there is nothing to store and no pending conflict to dismiss.
        conflicts.record(recordPair(pair), result);
      }
      if (!updates.isEmpty() || restore || linesChanged) {
        publish(current, restore ? SyncOutcome.RESTORED : SyncOutcome.UPDATED);
      }
      List<String> notes = new java.util.ArrayList<>(warnings(mapped));
      result
          .forReview()
          .forEach(conflict -> notes.add(conflict.field() + " waits for review (conflict)"));
      if (!result.forReview().isEmpty()) {
        logEntry(
            restore ? "UNDELETE" : "UPDATE",
            "CONFLICT",
            pair.caskrId(),
            "CONFLICT",
            String.join("; ", notes));
        return new Applied(restore ? Outcome.RESTORED : Outcome.UPDATED, pair.caskrId());
      }
      return done(
          restore ? Outcome.RESTORED : Outcome.UPDATED,
          restore ? "UNDELETE" : "UPDATE",
          pair.caskrId(),
          notes);
    }

    private Applied create(FieldRules rules, SyncPreference preference) {
      if (event.entity() == SalesforceEntity.OPPORTUNITY
          && !RecordRules.makesOrder(event.fields())) {
        return skipped(
            null,
            "STAGE_NOT_CLOSED_WON",
            "stage " + event.fields().get("StageName") + " does not make an order");
      }
      if (event.entity() == SalesforceEntity.OPPORTUNITY) {
        records.ensureAccount(
            event, settings.fieldRules(company, SalesforceEntity.ACCOUNT), mappings);
      }
      Optional<Long> match = records.match(event, table);
      if (match.isPresent()) {
        long pairId =
            mappings.pair(
                company,
                event.tenant().orgId(),
                event.entity(),
                event.recordId(),
                table.caskrEntity(),
                match.get(),
                Map.of(),
                null,
                null,
                null);
        EntityMapping pair =
            mappings
                .lock(company, event.entity(), event.recordId())
                .orElseThrow(() -> new IllegalStateException("mapping " + pairId + " vanished"));
        return update(pair, rules, preference);
      }
      MappedRecord mapped = mapper.mapNewRecord(rules, fields);
      if (!mapped.valid()) {
        return invalid(mapped, null);
      }
      Optional<Applied> held = holdIfBlocked(mapped.values(), null);
      if (held.isPresent()) {
        return held.get();
      }
      Map<String, Object> extra = new HashMap<>();
      if (table == CaskrTable.ORDERS) {
        extra.put("order_number", "SF-" + event.recordId().value());
      }
      long caskrId = rows.insert(table, company, event.recordId(), mapped.values(), extra);
      if (table == CaskrTable.ORDERS) {
        records.replaceLines(company, caskrId, event.lineItems());
      }
      CaskrRows.Row created = rows.read(table, company, caskrId).orElseThrow();
      mappings.pair(
          company,
          event.tenant().orgId(),
          event.entity(),
          event.recordId(),
          table.caskrEntity(),
          caskrId,
          mapped.values(),
          event.sourceVersion(),
          created.updatedAt(),
          event.sourceVersion());
      publish(created, SyncOutcome.CREATED);
      return done(Outcome.CREATED, "CREATE", caskrId, warnings(mapped));
    }

    /** Unknown SKUs hold an opportunity, a taken email holds a contact. */
    private Optional<Applied> holdIfBlocked(Map<String, Object> values, Long caskrId) {
      if (event.entity() == SalesforceEntity.OPPORTUNITY) {
        List<String> unknown = records.unknownSkus(company, event.lineItems());
        if (!unknown.isEmpty()) {
          holds.hold(event, "UNKNOWN_SKU", Map.of("unknownSkus", unknown), caskrId);
          return Optional.of(
              outcome(
                  Outcome.HELD,
                  caskrId == null ? "CREATE" : "UPDATE",
                  "HELD",
                  caskrId,
                  "UNKNOWN_SKU",
                  "unknown product codes " + unknown));
        }
      }
      if (event.entity() == SalesforceEntity.CONTACT
          && values.get("email") instanceof String email) {
        Optional<Long> owner = records.portalUserWithEmail(company, email, caskrId);
        if (owner.isPresent()) {
          holds.hold(
              event, "DUPLICATE_EMAIL", Map.of("existingPortalUserId", owner.get()), owner.get());
          return Optional.of(
              outcome(
                  Outcome.HELD,
                  caskrId == null ? "CREATE" : "UPDATE",
                  "HELD",
                  caskrId,
                  "DUPLICATE_EMAIL",
                  "portal user " + owner.get() + " already has this email"));
        }
      }
      return Optional.empty();
    }

    private Applied leftClosedWon(EntityMapping pair, CaskrRows.Row row) {
      Object stage = event.fields().get("StageName");
      FieldConflict conflict =
          new FieldConflict(
              "status",
              "StageName",
              pair.lastSyncedFields().containsKey("status"),
              pair.lastSyncedFields().get("status"),
              stage,
              row.values().get("status"),
              event.sourceVersion(),
              row.updatedAt(),
              ConflictStrategy.MANUAL,
              true);
      conflicts.record(
          recordPair(pair), new ThreeWayResult(List.of(new FieldDecision.NeedsReview(conflict))));
      mappings.advance(pair.id(), event.sourceVersion());
      return outcome(
          Outcome.CONFLICT,
          "UPDATE",
          "CONFLICT",
          pair.caskrId(),
          "LEFT_CLOSED_WON",
          "stage moved to " + stage + " after the order existed; the order is kept for review");
    }

    private Applied invalid(MappedRecord mapped, Long caskrId) {
      boolean missing =
          mapped.errors().stream()
              .anyMatch(issue -> issue.code() == FieldIssue.Code.MISSING_REQUIRED_FIELD);
      String reason = missing ? "MISSING_REQUIRED_FIELD" : "VALIDATION_ERROR";
      Map<String, Object> details = new LinkedHashMap<>();
      details.put(
          "fields", mapped.errors().stream().map(FieldIssue::salesforceField).distinct().toList());
      holds.hold(event, reason, details, caskrId);
      return outcome(
          Outcome.HELD,
          caskrId == null ? "CREATE" : "UPDATE",
          "HELD",
          caskrId,
          reason,
          mapped.describeIssues());
    }

    private void publish(CaskrRows.Row row, SyncOutcome outcome) {
      outbox.append(records.synced(event, table, row, outcome, clock.instant()));
    }

    private RecordPair recordPair(EntityMapping pair) {
      return new RecordPair(
          event.tenant(),
          event.entity(),
          event.recordId(),
          pair.caskrId(),
          event.eventId(),
          event.traceId());
    }

    private List<String> warnings(MappedRecord mapped) {
      return mapped.issues().stream()
          .filter(issue -> !issue.error())
          .map(
              issue ->
                  issue.salesforceField()
                      + " → "
                      + issue.caskrField()
                      + ": "
                      + issue.code()
                      + " "
                      + issue.message())
          .toList();
    }

    private Applied done(Outcome outcome, String operation, long caskrId, List<String> notes) {
      String code =
          notes.isEmpty()
              ? null
              : notes.stream().anyMatch(note -> note.contains("LOOKUP_NOT_FOUND"))
                  ? "LOOKUP_NOT_FOUND"
                  : "WARNING";
      logEntry(
          operation, "SUCCESS", caskrId, code, notes.isEmpty() ? null : String.join("; ", notes));
      return new Applied(outcome, caskrId);
    }

    private Applied skipped(Long caskrId, String code, String message) {
      return outcome(Outcome.SKIPPED, "SKIP", "SKIPPED", caskrId, code, message);
    }

    private Applied outcome(
        Outcome outcome,
        String operation,
        String status,
        Long caskrId,
        String code,
        String message) {
      logEntry(operation, status, caskrId, code, message);
      return new Applied(outcome, caskrId);
    }

    private void logEntry(
        String operation, String status, Long caskrId, String code, String message) {
      log.record(
          new SyncLogEntry(
              company,
              event.tenant().orgId(),
              event.entity().apiName(),
              operation,
              event.source().name(),
              event.recordId(),
              caskrId,
              status,
              code,
              message,
              event.eventId(),
              event.traceId(),
              started));
    }
  }
}
