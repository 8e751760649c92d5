package com.caskr.sync.ingest.polling;

import com.caskr.sync.ingest.change.ChangePublisher;
import com.caskr.sync.ingest.records.EntityFields;
import com.caskr.sync.ingest.records.RecordReader;
import com.caskr.sync.ingest.records.RowChanges;
import com.caskr.sync.ingest.records.SalesforceRow;
import com.caskr.sync.salesforce.rest.QueryPage;
import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.salesforce.rest.Soql;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Polls one org's entity by SOQL on SystemModstamp (reference §2.1–2.2): queryAll so recycle-bin
 * deletes come as DELETE envelopes, every page followed, each page published and acknowledged by
 * Kafka before the cursor moves past it (ARCHITECTURE.md §5.1). Opportunities carry their current
 * line items, read with one query per page.
 *
 * <p>Not thread-safe per (tenant, entity): {@link PollSchedule} runs at most one poll of a pair at
 * a time.
 */
final class SoqlPoller {

  /** Opportunity pages of 400 rows keep their line-item query to one {@code IN} list. */
  static final int OPPORTUNITY_BATCH = RecordReader.IDS_PER_QUERY;

  static final int BATCH = 2000;

  private final PollingCursors cursors;
  private final ChangePublisher publisher;
  private final RowChanges changes;
  private final EntityFields fields;
  private final Duration overlap;
  private final Duration ackTimeout;
  private final Clock clock;

  SoqlPoller(
      PollingCursors cursors,
      ChangePublisher publisher,
      RowChanges changes,
      EntityFields fields,
      Duration overlap,
      Duration ackTimeout,
      Clock clock) {
    this.cursors = cursors;
    this.publisher = publisher;
    this.changes = changes;
    this.fields = fields;
    this.overlap = overlap;
    this.ackTimeout = ackTimeout;
    this.clock = clock;
  }

  /**
   * Reads and publishes what changed since the cursor (INCREMENTAL; everything when there is no
   * cursor yet), since {@code since} when given (INCREMENTAL over a known window, e.g. a
   * GAP_OVERFLOW), or every record (FULL). The cursor only ever moves forward.
   *
   * @throws com.caskr.sync.salesforce.errors.SalesforceException as Salesforce answered; pages
   *     published before it keep their cursor
   * @throws PublishFailed when Kafka did not acknowledge a page; the cursor stays before it
   */
  PollRun poll(
      Tenant tenant,
      SalesforceRestClient rest,
      SalesforceEntity entity,
      SyncMode mode,
      Instant since,
      String traceId) {
    Instant started = clock.instant();
    PollCursor cursor = cursors.load(tenant, entity).orElse(null);
    PollWindow window;
    if (mode == SyncMode.FULL) {
      window = PollWindow.everything(entity);
    } else if (since != null) {
      window = new PollWindow(entity, since);
    } else {
      window = PollWindow.after(entity, cursor, overlap);
    }
    SeenVersions versions = cursors.seen(tenant, entity, window.since());
    var reader = new RecordReader(rest, fields);
    int batch = entity == SalesforceEntity.OPPORTUNITY ? OPPORTUNITY_BATCH : BATCH;

    int read = 0;
    int created = 0;
    int updated = 0;
    int deleted = 0;
    int pages = 0;
    PollCursor last = cursor;
    QueryPage page = rest.firstPage(window.soql(fields), true, batch);
    while (true) {
      pages++;
      var fresh = new ArrayList<SalesforceRow>();
      for (Map<String, Object> record : page.records()) {
        SalesforceRow row = SalesforceRow.fromQuery(record);
        read++;
        if (versions.isNew(row.id(), row.systemModstamp())) {
          fresh.add(row);
        }
      }
      if (!fresh.isEmpty()) {
        publish(tenant, entity, fresh, reader, ChangeSource.POLL, traceId);
        for (SalesforceRow row : fresh) {
          versions.published(row.id(), row.systemModstamp());
          if (row.deleted()) {
            deleted++;
          } else if (createdInside(row, window)) {
            created++;
          } else {
            updated++;
          }
        }
      }
      if (!page.records().isEmpty()) {
        SalesforceRow tail = SalesforceRow.fromQuery(page.records().getLast());
        PollCursor reached = new PollCursor(tail.systemModstamp(), tail.id());
        PollCursor next = last == null || reached.compareTo(last) > 0 ? reached : last;
        // What the next poll re-reads of this page: the versions inside the overlap behind the
        // cursor, stored before the cursor moves (both only after Kafka acknowledged the page).
        Instant windowStart = next.systemModstamp().minus(overlap);
        var inOverlap = new LinkedHashMap<SalesforceId, Instant>();
        for (SalesforceRow row : fresh) {
          if (!row.systemModstamp().isBefore(windowStart)) {
            inOverlap.merge(row.id(), row.systemModstamp(), (a, b) -> a.isAfter(b) ? a : b);
          }
        }
        cursors.remember(tenant, entity, inOverlap);
        if (next != last) {
          cursors.advance(tenant, entity, reached);
          last = reached;
        }
      }
      if (page.done()) {
        break;
      }
      page = rest.nextPage(page, batch);
    }
    if (last != null) {
      cursors.forgetBefore(tenant, entity, last.systemModstamp().minus(overlap));
    }
    return new PollRun(
        entity,
        read,
        created + updated + deleted,
        created,
        updated,
        deleted,
        pages,
        Duration.between(started, clock.instant()));
  }

  /** Reads and publishes {@code ids} again whatever their modstamp (ResyncRecord). */
  int resync(
      Tenant tenant,
      SalesforceRestClient rest,
      SalesforceEntity entity,
      List<SalesforceId> ids,
      ChangeSource source,
      String traceId) {
    var reader = new RecordReader(rest, fields);
    List<SalesforceRow> rows = reader.byIds(entity, ids);
    if (!rows.isEmpty()) {
      publish(tenant, entity, rows, reader, source, traceId);
    }
    return rows.size();
  }

  private void publish(
      Tenant tenant,
      SalesforceEntity entity,
      List<SalesforceRow> rows,
      RecordReader reader,
      ChangeSource source,
      String traceId) {
    Map<SalesforceId, List<Map<String, Object>>> lines = Map.of();
    if (entity == SalesforceEntity.OPPORTUNITY) {
      lines =
          reader.lineItems(
              rows.stream().filter(row -> !row.deleted()).map(SalesforceRow::id).toList());
    }
    var envelopes = new ArrayList<SalesforceRecordChanged>(rows.size());
    for (SalesforceRow row : rows) {
      envelopes.add(changes.of(tenant, entity, row, lines.get(row.id()), source, traceId));
    }
    try {
      publisher.publish(envelopes).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      // A producer that cannot reach Kafka may fail the send itself instead of its future.
      throw new PublishFailed(entity, envelopes.size(), e);
    } catch (ExecutionException e) {
      throw new PublishFailed(entity, envelopes.size(), e.getCause());
    } catch (TimeoutException e) {
      throw new PublishFailed(entity, envelopes.size(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishFailed(entity, envelopes.size(), e);
    }
  }

  private static boolean createdInside(SalesforceRow row, PollWindow window) {
    if (window.since() == null) {
      return true;
    }
    Object createdDate = row.fields().get("CreatedDate");
    return createdDate instanceof String text && !Soql.parseDateTime(text).isBefore(window.since());
  }

  /** Kafka did not acknowledge a page: nothing after the last acknowledged page moved. */
  static final class PublishFailed extends RuntimeException {
    PublishFailed(SalesforceEntity entity, int count, Throwable cause) {
      super("Kafka did not acknowledge " + count + " " + entity.apiName() + " change(s)", cause);
    }
  }
}
