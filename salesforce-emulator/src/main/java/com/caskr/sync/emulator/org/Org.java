package com.caskr.sync.emulator.org;

import com.caskr.sync.emulator.org.Replication.DeletedIds;
import com.caskr.sync.emulator.org.Replication.DeletedRecord;
import com.caskr.sync.emulator.org.Replication.UpdatedIds;
import com.caskr.sync.emulator.org.SObjectType.ChildRelation;
import com.caskr.sync.emulator.soql.RecordSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One Salesforce org's records, in memory.
 *
 * <p>Reads are lock-free: every stored row is an immutable map replaced as a whole on each write,
 * so readers see either the old or the new version of a record. Writes of one org are serialised;
 * each public write is one transaction whose changes reach the {@link ChangeListener}s together.
 *
 * <p>A row maps API field names to String, Boolean, BigDecimal, LocalDate or Instant; a field that
 * is null is absent from the map. Every row has Id, IsDeleted and the audit fields.
 */
public final class Org implements RecordSource {

  static final Duration UPDATED_WINDOW = Duration.ofDays(30);
  static final Duration DELETED_WINDOW = Duration.ofDays(15);
  static final int ID_LIMIT = 600_000;
  static final long BULK_QUERY_JOBS_PER_DAY = 10_000;

  private final String id;
  private final String name;
  private final Schema schema;
  private final Clock clock;
  private final ApiUsage apiUsage;
  private final Instant createdDate;

  private final ConcurrentHashMap<String, Map<String, Object>> byId = new ConcurrentHashMap<>();
  private final Map<String, ConcurrentSkipListMap<String, Map<String, Object>>> byType =
      new HashMap<>();
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
  private final Faults faults;
  private final ApiUsage bulkQueryJobs;
  private final SalesRules rules;

  // Guarded by the write lock.
  private final ReentrantLock writes = new ReentrantLock();
  private final Map<String, Map<String, List<String>>> externalIds = new HashMap<>();
  private final Map<String, Set<String>> childrenByParent = new HashMap<>();
  private final Map<String, List<String>> indexedReferences = new HashMap<>();
  private final Map<String, String> deletedWith = new HashMap<>();
  private final Map<String, LinkedHashMap<String, Instant>> deleteLog = new HashMap<>();
  private long commitNumber;

  private final List<String> userIds = new ArrayList<>();
  private final String standardPricebookId;

  Org(
      String id,
      String name,
      Schema schema,
      List<NewUser> users,
      boolean sandbox,
      Clock clock,
      long dailyApiAllocation) {
    if (users.isEmpty()) {
      throw new IllegalArgumentException("An org needs at least one user");
    }
    this.id = id;
    this.name = name;
    this.schema = schema;
    this.clock = clock;
    this.apiUsage = new ApiUsage(clock, dailyApiAllocation);
    this.faults = new Faults(clock);
    this.bulkQueryJobs = new ApiUsage(clock, BULK_QUERY_JOBS_PER_DAY);
    this.createdDate = FieldValues.now(clock);
    this.rules = new SalesRules(this);
    for (SObjectType type : schema.types()) {
      byType.put(type.name(), new ConcurrentSkipListMap<>());
      for (ChildRelation child : type.children()) {
        List<String> fields =
            indexedReferences.computeIfAbsent(child.childType(), t -> new ArrayList<>());
        if (!fields.contains(child.field())) {
          fields.add(child.field());
        }
      }
    }
    String adminId = IdSequence.next("005");
    var organization = new HashMap<String, Object>();
    organization.put("Name", name);
    organization.put("OrganizationType", sandbox ? "Developer Edition" : "Enterprise Edition");
    organization.put("IsSandbox", sandbox);
    organization.put("InstanceName", "EM1");
    organization.put("DefaultLocaleSidKey", "en_US");
    organization.put("TimeZoneSidKey", "GMT");
    insertSystemRow("Organization", id, organization, adminId);
    for (int i = 0; i < users.size(); i++) {
      NewUser user = users.get(i);
      var row = new HashMap<String, Object>();
      row.put("Username", user.username());
      if (user.firstName() != null) {
        row.put("FirstName", user.firstName());
      }
      row.put("LastName", user.lastName());
      row.put("Name", SalesRules.fullName(user.firstName(), user.lastName()));
      row.put("Email", user.email());
      String alias = ((user.firstName() == null ? "" : user.firstName()) + user.lastName());
      row.put("Alias", alias.substring(0, Math.min(8, alias.length())));
      row.put("IsActive", true);
      row.put("TimeZoneSidKey", "GMT");
      String userId = i == 0 ? adminId : IdSequence.next("005");
      insertSystemRow("User", userId, row, adminId);
      userIds.add(userId);
    }
    var pricebook = new HashMap<String, Object>();
    pricebook.put("Name", "Standard Price Book");
    pricebook.put("IsActive", true);
    pricebook.put("IsStandard", true);
    this.standardPricebookId = IdSequence.next("01s");
    insertSystemRow("Pricebook2", standardPricebookId, pricebook, adminId);
  }

  // ---- the org itself ----

  /** The 18-character organization id (00D…). */
  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public Schema schema() {
    return schema;
  }

  public ApiUsage apiUsage() {
    return apiUsage;
  }

  public Clock clock() {
    return clock;
  }

  /** The Bulk API 2.0 query jobs created over the last 24 hours: DailyBulkV2QueryJobs. */
  public ApiUsage bulkQueryJobs() {
    return bulkQueryJobs;
  }

  /** The faults injected into this org (admin API): what its API surfaces answer next. */
  public Faults faults() {
    return faults;
  }

  /** The user the org was created for first: owner of seeded records, default commit user. */
  public String adminUserId() {
    return userIds.getFirst();
  }

  /** Ids of the users the org was created with, in order. */
  public List<String> userIds() {
    return List.copyOf(userIds);
  }

  public Optional<String> userIdByUsername(String username) {
    return rows("User", false)
        .filter(u -> username.equalsIgnoreCase((String) u.get("Username")))
        .map(u -> (String) u.get("Id"))
        .findFirst();
  }

  public String standardPricebookId() {
    return standardPricebookId;
  }

  public void addListener(ChangeListener listener) {
    listeners.add(listener);
  }

  public void removeListener(ChangeListener listener) {
    listeners.remove(listener);
  }

  // ---- RecordSource ----

  @Override
  public Stream<Map<String, Object>> rows(String sobjectType, boolean includeDeleted) {
    var rows = schema.type(sobjectType).map(t -> byType.get(t.name())).orElse(null);
    if (rows == null) {
      return Stream.empty();
    }
    return includeDeleted
        ? rows.values().stream()
        : rows.values().stream().filter(r -> r.get("IsDeleted") != Boolean.TRUE);
  }

  @Override
  public Optional<Map<String, Object>> row(String id) {
    String normalised = FieldValues.normalisedId(id);
    return normalised == null ? Optional.empty() : Optional.ofNullable(byId.get(normalised));
  }

  @Override
  public boolean hasType(String sobjectType) {
    return schema.type(sobjectType).isPresent();
  }

  @Override
  public Optional<String> field(String sobjectType, String fieldName) {
    return schema.type(sobjectType).flatMap(t -> t.field(fieldName)).map(Field::name);
  }

  @Override
  public Optional<ParentRelationship> parent(String sobjectType, String relationshipName) {
    return schema
        .type(sobjectType)
        .flatMap(t -> t.parentRelationship(relationshipName))
        .map(f -> new ParentRelationship(f.name(), f.referenceTo()));
  }

  @Override
  public Optional<ChildRelationship> child(String sobjectType, String relationshipName) {
    return schema
        .type(sobjectType)
        .flatMap(t -> t.child(relationshipName))
        .map(c -> new RecordSource.ChildRelationship(c.childType(), c.field()));
  }

  /** How many live (or, with includeDeleted, all) rows a type has. */
  public long count(String sobjectType, boolean includeDeleted) {
    return rows(sobjectType, includeDeleted).count();
  }

  // ---- reads ----

  /**
   * A live record of the type, as a REST GET reads it.
   *
   * @throws RequestRejected MALFORMED_ID, NOT_FOUND (unknown, or of another type),
   *     ENTITY_IS_DELETED (in the recycle bin)
   */
  public Map<String, Object> read(String sobjectType, String recordId) {
    return existingLive(requireType(sobjectType), recordId);
  }

  // ---- writes ----

  /** Creates a record; returns its 18-character id. */
  public String create(String sobjectType, Map<String, ?> values, Caller caller) {
    SObjectType type = requireType(sobjectType);
    return write(caller, tx -> insert(tx, type, values));
  }

  /** Changes the given fields only; a null value clears the field. */
  public void update(String sobjectType, String recordId, Map<String, ?> values, Caller caller) {
    SObjectType type = requireType(sobjectType);
    write(
        caller,
        tx -> {
          modify(tx, type, existingLive(type, recordId), values);
          return null;
        });
  }

  /**
   * Upsert by external id: creates when nothing live matches, updates a single match, and refuses
   * several matches or a field that is no external id. {@code Id} counts as an external id.
   */
  public UpsertOutcome upsert(
      String sobjectType,
      String externalIdField,
      String externalIdValue,
      Map<String, ?> values,
      Caller caller) {
    SObjectType type = requireType(sobjectType);
    Optional<Field> field = type.field(externalIdField);
    if (field.isEmpty() || !(field.get().externalId() || field.get().name().equals("Id"))) {
      return new UpsertOutcome.NotAnExternalIdField(externalIdField);
    }
    Field key = field.get();
    return write(
        caller,
        tx -> {
          if (key.name().equals("Id")) {
            if (externalIdValue == null || externalIdValue.isEmpty()) {
              return new UpsertOutcome.Created(insert(tx, type, values));
            }
            Map<String, Object> existing = existingLive(type, externalIdValue);
            modify(tx, type, existing, values);
            return new UpsertOutcome.Updated((String) existing.get("Id"));
          }
          List<String> matches = matching(type, key, externalIdValue);
          if (matches.isEmpty()) {
            var withKey = new LinkedHashMap<String, Object>(values);
            withKey.keySet().removeIf(k -> k.equalsIgnoreCase(key.name()));
            withKey.put(key.name(), externalIdValue);
            return new UpsertOutcome.Created(insert(tx, type, withKey));
          }
          if (matches.size() > 1) {
            return new UpsertOutcome.MultipleMatches(matches);
          }
          modify(tx, type, byId.get(matches.getFirst()), values);
          return new UpsertOutcome.Updated(matches.getFirst());
        });
  }

  /**
   * Soft delete: the record and its cascade children (an account's contacts and opportunities, an
   * opportunity's line items) go to the recycle bin: IsDeleted = true, visible to queryAll.
   */
  public void delete(String recordId, Caller caller) {
    write(
        caller,
        tx -> {
          Map<String, Object> root = existingLive(null, recordId);
          SObjectType type = typeOf(root);
          if (!type.deletable()) {
            throw new RequestRejected(
                ErrorCode.INVALID_TYPE_FOR_OPERATION, "entity type cannot be deleted");
          }
          String rootId = (String) root.get("Id");
          for (String victim : cascade(rootId, true)) {
            Map<String, Object> old = byId.get(victim);
            SObjectType victimType = typeOf(old);
            var row = new HashMap<>(old);
            row.put("IsDeleted", true);
            stamp(row, tx, true);
            unindex(victimType, victim, old);
            store(victimType, victim, row);
            setDeletedWith(victim, rootId);
            logDeletion(victimType, victim, tx.now);
            tx.record(victimType, victim, ChangeType.DELETE, List.of(), List.of(), Map.of());
          }
          rules.afterRemoval(tx, type, root);
          return null;
        });
  }

  /** Restores a record from the recycle bin with everything its delete took along. */
  public void undelete(String recordId, Caller caller) {
    write(
        caller,
        tx -> {
          Map<String, Object> root = existing(null, recordId);
          String rootId = (String) root.get("Id");
          if (root.get("IsDeleted") != Boolean.TRUE || !rootId.equals(deletedWith.get(rootId))) {
            throw new RequestRejected(
                ErrorCode.UNDELETE_FAILED, "Entity is not in the recycle bin");
          }
          List<String> restored =
              deletedWith.entrySet().stream()
                  .filter(e -> e.getValue().equals(rootId))
                  .map(Map.Entry::getKey)
                  .sorted()
                  .toList();
          for (String restoredId : restored) {
            Map<String, Object> row = byId.get(restoredId);
            checkUnique(typeOf(row), restoredId, row, null);
          }
          var ordered = new ArrayList<String>();
          ordered.add(rootId);
          restored.stream().filter(r -> !r.equals(rootId)).forEach(ordered::add);
          for (String restoredId : ordered) {
            Map<String, Object> old = byId.get(restoredId);
            SObjectType type = typeOf(old);
            var row = new HashMap<>(old);
            row.put("IsDeleted", false);
            stamp(row, tx, true);
            store(type, restoredId, row);
            index(type, restoredId, row);
            setDeletedWith(restoredId, null);
            logDeletion(type, restoredId, null);
            tx.record(type, restoredId, ChangeType.UNDELETE, List.of(), List.of(), valuesOf(row));
          }
          rules.afterRestore(tx, typeOf(root), root);
          return null;
        });
  }

  /**
   * Gone for good, recycle bin or not, with its cascade children: invisible to queryAll and to CDC
   * (no change record), but still listed by {@link #deleted} while the delete log keeps it.
   */
  public void hardDelete(String recordId, Caller caller) {
    write(
        caller,
        tx -> {
          Map<String, Object> root = existing(null, recordId);
          SObjectType type = typeOf(root);
          String rootId = (String) root.get("Id");
          for (String victim : cascade(rootId, false)) {
            Map<String, Object> old = byId.get(victim);
            SObjectType victimType = typeOf(old);
            unstore(victimType, victim);
            if (old.get("IsDeleted") != Boolean.TRUE) {
              unindex(victimType, victim, old);
              logDeletion(victimType, victim, tx.now);
            }
            unlinkChild(victimType, victim, old);
            setDeletedWith(victim, null);
          }
          if (root.get("IsDeleted") != Boolean.TRUE) {
            rules.afterRemoval(tx, type, root);
          }
          return null;
        });
  }

  /**
   * Fault injection: tells listeners that changes were lost, as Salesforce does with GAP_* events
   * (header only, re-read the records) and GAP_OVERFLOW (no ids, re-sync the entity). Records are
   * not touched.
   */
  public void signalGap(
      String sobjectType, List<String> recordIds, ChangeType gapType, Caller caller) {
    if (!gapType.name().startsWith("GAP_")) {
      throw new IllegalArgumentException("Not a gap change type: " + gapType);
    }
    SObjectType type = requireType(sobjectType);
    List<String> ids =
        gapType == ChangeType.GAP_OVERFLOW
            ? List.of()
            : recordIds.stream().map(FieldValues::normalisedId).filter(Objects::nonNull).toList();
    write(
        caller,
        tx -> {
          if (tx.recording) {
            tx.changes.add(
                new ChangeRecord(
                    type.name(),
                    ids,
                    gapType,
                    List.of(),
                    List.of(),
                    Map.of(),
                    tx.now,
                    tx.key,
                    1,
                    tx.number,
                    caller.changeOrigin(),
                    caller.userId()));
          }
          return null;
        });
  }

  // ---- replication ----

  /** getUpdated: ids whose SystemModstamp lies in [start, end), at most 30 days back. */
  public UpdatedIds updated(String sobjectType, Instant start, Instant end) {
    SObjectType type = requireType(sobjectType);
    Instant[] window = window(start, end, UPDATED_WINDOW, "30");
    List<String> ids =
        rows(type.name(), false)
            .filter(r -> inWindow((Instant) r.get("SystemModstamp"), window))
            .map(r -> (String) r.get("Id"))
            .toList();
    if (ids.size() > ID_LIMIT) {
      throw new RequestRejected(ErrorCode.EXCEEDED_ID_LIMIT, "Too many ids: narrow the window");
    }
    return new UpdatedIds(ids, window[1]);
  }

  /** getDeleted: records deleted in [start, end), at most 15 days back. */
  public DeletedIds deleted(String sobjectType, Instant start, Instant end) {
    SObjectType type = requireType(sobjectType);
    Instant[] window = window(start, end, DELETED_WINDOW, "15");
    Instant earliest = earliestDeletionAvailable();
    List<DeletedRecord> records;
    writes.lock();
    try {
      var log = deleteLog.getOrDefault(type.name(), new LinkedHashMap<>());
      log.values().removeIf(d -> d.isBefore(earliest));
      records =
          log.entrySet().stream()
              .filter(e -> inWindow(e.getValue(), window))
              .map(e -> new DeletedRecord(e.getKey(), e.getValue()))
              .toList();
    } finally {
      writes.unlock();
    }
    if (records.size() > ID_LIMIT) {
      throw new RequestRejected(ErrorCode.EXCEEDED_ID_LIMIT, "Too many ids: narrow the window");
    }
    return new DeletedIds(records, earliest, window[1]);
  }

  private Instant earliestDeletionAvailable() {
    Instant logStart = FieldValues.now(clock).minus(DELETED_WINDOW);
    Instant orgStart = createdDate;
    return (orgStart.isAfter(logStart) ? orgStart : logStart).truncatedTo(ChronoUnit.MINUTES);
  }

  // Salesforce ignores the seconds of both ends and never covers the future.
  private Instant[] window(Instant start, Instant end, Duration maxAge, String days) {
    Instant now = FieldValues.now(clock);
    Instant from = start.truncatedTo(ChronoUnit.MINUTES);
    Instant to = end.truncatedTo(ChronoUnit.MINUTES);
    if (from.isBefore(now.minus(maxAge).truncatedTo(ChronoUnit.MINUTES))) {
      throw new RequestRejected(
          ErrorCode.INVALID_REPLICATION_DATE,
          "startDate must be within the last " + days + " days");
    }
    if (!to.isAfter(from)) {
      throw new RequestRejected(
          ErrorCode.INVALID_REPLICATION_DATE, "EndDate must be after startDate");
    }
    Instant latest = now.truncatedTo(ChronoUnit.MINUTES);
    return new Instant[] {from, to.isAfter(latest) ? latest : to};
  }

  private static boolean inWindow(Instant at, Instant[] window) {
    return at != null && !at.isBefore(window[0]) && at.isBefore(window[1]);
  }

  // ---- the write pipeline ----

  /**
   * Several writes as one transaction: every public write {@code work} makes on this thread joins
   * it, so the change listeners get one list of changes with one transaction key when it commits,
   * and nothing at all when it rolls back. A write that fails inside leaves none of its own changes
   * behind and throws as usual, so the work can go on or give up. The transaction rolls back when
   * the work throws (the exception propagates) or calls {@link Transaction#rollBack()}. Other
   * writers wait until it ends; lock-free readers on other threads can see its rows before then.
   */
  public <T> T transaction(Caller caller, Function<Transaction, T> work) {
    return write(
        caller,
        tx -> {
          var handle = new Transaction(tx);
          T result = work.apply(handle);
          if (handle.rollBack) {
            tx.rollBackTo(handle.undoMark, handle.changeMark);
          }
          return result;
        });
  }

  /**
   * The handle of an open {@link #transaction}. Opened inside another one, it is a savepoint: its
   * roll-back undoes its own writes only.
   */
  public final class Transaction {

    private final Tx tx;
    private final int undoMark;
    private final int changeMark;
    private boolean rollBack;

    private Transaction(Tx tx) {
      this.tx = tx;
      this.undoMark = tx.undo.size();
      this.changeMark = tx.changes.size();
    }

    /** Undoes every write of the transaction when the work returns; listeners hear nothing. */
    public void rollBack() {
      rollBack = true;
    }

    /** The {@code transactionKey} the committed changes will carry. */
    public String key() {
      return tx.key;
    }
  }

  /** One transaction: a key, a commit time, the changes it made in order, and how to undo them. */
  final class Tx {
    final Caller caller;
    final Instant now;
    // Cheap randomness: a transaction key needs to be unique, not unpredictable.
    final String key =
        new UUID(ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong())
            .toString();
    final long number;
    final boolean recording = !listeners.isEmpty();
    final List<ChangeRecord> changes = new ArrayList<>();
    private final List<Runnable> undo = new ArrayList<>();

    Tx(Caller caller) {
      this.caller = caller;
      this.now = FieldValues.now(clock);
      this.number = ++commitNumber;
    }

    void record(
        SObjectType type,
        String recordId,
        ChangeType changeType,
        List<String> changed,
        List<String> nulled,
        Map<String, Object> values) {
      if (recording) {
        changes.add(
            new ChangeRecord(
                type.name(),
                List.of(recordId),
                changeType,
                changed,
                nulled,
                values,
                now,
                key,
                changes.size() + 1,
                number,
                caller.changeOrigin(),
                caller.userId()));
      }
    }

    /** Undoes everything after the savepoint, newest first, without journaling the undo. */
    void rollBackTo(int undoMark, int changeMark) {
      open = null;
      try {
        for (int i = undo.size() - 1; i >= undoMark; i--) {
          undo.remove(i).run();
        }
        changes.subList(changeMark, changes.size()).clear();
      } finally {
        open = this;
      }
    }
  }

  // The transaction of the thread holding the write lock; null outside writes and while undoing.
  private Tx open;

  private void journal(Runnable inverse) {
    if (open != null) {
      open.undo.add(inverse);
    }
  }

  private <T> T write(Caller caller, Function<Tx, T> work) {
    writes.lock();
    try {
      if (!byId.containsKey(caller.userId()) || !caller.userId().startsWith("005")) {
        throw new IllegalArgumentException("Not a user of org " + name + ": " + caller.userId());
      }
      if (open != null) {
        return savepoint(open, work);
      }
      Tx tx = new Tx(caller);
      open = tx;
      T result;
      try {
        result = savepoint(tx, work);
      } finally {
        open = null;
      }
      if (!tx.changes.isEmpty()) {
        List<ChangeRecord> committed = List.copyOf(tx.changes);
        for (ChangeListener listener : listeners) {
          listener.committed(committed);
        }
      }
      return result;
    } finally {
      writes.unlock();
    }
  }

  /** Runs one write inside the transaction: if it throws, its own changes are undone first. */
  private <T> T savepoint(Tx tx, Function<Tx, T> work) {
    int undoMark = tx.undo.size();
    int changeMark = tx.changes.size();
    try {
      faults.beforeWrite(tx.caller);
      return work.apply(tx);
    } catch (RuntimeException | Error e) {
      tx.rollBackTo(undoMark, changeMark);
      throw e;
    }
  }

  private String insert(Tx tx, SObjectType type, Map<String, ?> values) {
    if (!type.createable()) {
      throw new RequestRejected(
          ErrorCode.INVALID_TYPE_FOR_OPERATION,
          "entity type " + type.name() + " cannot be created");
    }
    Map<Field, Object> input = input(type, values, true);
    var row = new HashMap<String, Object>();
    input.forEach(
        (field, value) -> {
          if (value != null) {
            row.put(field.name(), value);
          }
        });
    for (Field field : type.checkboxes()) {
      if (!row.containsKey(field.name())) {
        row.put(field.name(), false);
      }
    }
    if (type.fields().containsKey("OwnerId") && !row.containsKey("OwnerId")) {
      row.put("OwnerId", tx.caller.userId());
    }
    requirePresent(type, row, type.requiredOnCreate());
    checkReferences(input);
    rules.beforeWrite(tx, type, null, row, input);
    checkUnique(type, null, row, null);
    String newId = IdSequence.next(type.keyPrefix());
    row.put("Id", newId);
    row.put("IsDeleted", false);
    row.put("CreatedDate", tx.now);
    row.put("CreatedById", tx.caller.userId());
    stamp(row, tx, true);
    store(type, newId, row);
    index(type, newId, row);
    linkChild(type, newId, null, row);
    if (tx.recording) {
      tx.record(type, newId, ChangeType.CREATE, List.of(), List.of(), valuesOf(row));
    }
    rules.afterWrite(tx, type, null, row);
    return newId;
  }

  private void modify(Tx tx, SObjectType type, Map<String, Object> old, Map<String, ?> values) {
    String recordId = (String) old.get("Id");
    var withoutId = new LinkedHashMap<String, Object>(values);
    // A body may repeat the record's own Id; anything else in Id is an attempt to write it.
    withoutId.entrySet().removeIf(e -> e.getKey().equalsIgnoreCase("Id") && sameId(e, recordId));
    Map<Field, Object> input = input(type, withoutId, false);
    var row = new HashMap<>(old);
    input.forEach(
        (field, value) -> {
          if (value != null) {
            row.put(field.name(), value);
          } else if (field.type() == FieldType.BOOLEAN) {
            row.put(field.name(), false);
          } else {
            row.remove(field.name());
          }
        });
    requirePresent(type, row, List.copyOf(input.keySet()));
    checkReferences(input);
    rules.beforeWrite(tx, type, old, row, input);
    checkUnique(type, recordId, row, old);
    stamp(row, tx, true);
    unindex(type, recordId, old);
    store(type, recordId, row);
    index(type, recordId, row);
    linkChild(type, recordId, old, row);
    recordUpdate(tx, type, recordId, old, row);
    rules.afterWrite(tx, type, old, row);
  }

  private static boolean sameId(Map.Entry<String, Object> entry, String recordId) {
    return entry.getValue() instanceof String s && recordId.equals(FieldValues.normalisedId(s));
  }

  /** A system recalculation (no user edit): moves SystemModstamp but not LastModifiedDate. */
  void recalculate(Tx tx, String recordId, Map<String, Object> recalculated) {
    Map<String, Object> old = byId.get(recordId);
    if (old.equals(recalculated)) {
      return;
    }
    var row = new HashMap<>(recalculated);
    stamp(row, tx, false);
    SObjectType type = typeOf(old);
    store(type, recordId, row);
    recordUpdate(tx, type, recordId, old, row);
  }

  private void recordUpdate(
      Tx tx, SObjectType type, String recordId, Map<String, Object> old, Map<String, Object> row) {
    if (!tx.recording) {
      return;
    }
    var changed = new ArrayList<String>();
    var nulled = new ArrayList<String>();
    var values = new LinkedHashMap<String, Object>();
    for (String field : type.fields().keySet()) {
      if (field.equals("SystemModstamp") || field.equals("Id")) {
        continue;
      }
      Object before = old.get(field);
      Object after = row.get(field);
      if (!Objects.equals(before, after)) {
        changed.add(field);
        if (after == null) {
          nulled.add(field);
        } else {
          values.put(field, after);
        }
      }
    }
    tx.record(type, recordId, ChangeType.UPDATE, changed, nulled, values);
  }

  private Map<Field, Object> input(SObjectType type, Map<String, ?> values, boolean create) {
    var unknown = new ArrayList<String>();
    var readOnly = new ArrayList<String>();
    var errors = new ArrayList<SalesforceError>();
    var input = new LinkedHashMap<Field, Object>();
    for (Map.Entry<String, ?> entry : values.entrySet()) {
      String fieldName = entry.getKey();
      if (fieldName.equals("attributes")) {
        continue;
      }
      Optional<Field> field = type.field(fieldName);
      if (field.isEmpty()) {
        unknown.add(fieldName);
        continue;
      }
      Field f = field.get();
      if (create ? !f.createable() : !f.updateable()) {
        readOnly.add(f.name());
        continue;
      }
      Object value = FieldValues.convert(f, entry.getValue(), errors);
      if (value != FieldValues.INVALID) {
        input.put(f, value);
      }
    }
    if (!unknown.isEmpty()) {
      throw new RequestRejected(
          unknown.stream()
              .map(
                  u ->
                      SalesforceError.of(
                          ErrorCode.INVALID_FIELD,
                          "No such column '" + u + "' on sobject of type " + type.name(),
                          u))
              .toList());
    }
    if (!readOnly.isEmpty()) {
      errors.addFirst(
          new SalesforceError(
              ErrorCode.INVALID_FIELD_FOR_INSERT_UPDATE,
              "Unable to create/update fields: "
                  + String.join(", ", readOnly)
                  + ". Please check the security settings of this field and verify that it is"
                  + " read/write for your profile or permission set.",
              readOnly));
    }
    if (!errors.isEmpty()) {
      throw new RequestRejected(errors);
    }
    return input;
  }

  private static void requirePresent(
      SObjectType type, Map<String, Object> row, List<Field> candidates) {
    List<String> missing =
        candidates.stream()
            .filter(Field::requiredOnCreate)
            .map(Field::name)
            .filter(f -> row.get(f) == null)
            .toList();
    if (!missing.isEmpty()) {
      throw new RequestRejected(
          List.of(
              new SalesforceError(
                  ErrorCode.REQUIRED_FIELD_MISSING,
                  "Required fields are missing: " + missing,
                  missing)));
    }
  }

  private void checkReferences(Map<Field, Object> input) {
    var errors = new ArrayList<SalesforceError>();
    input.forEach(
        (field, value) -> {
          if (field.type() != FieldType.REFERENCE || value == null) {
            return;
          }
          String target = (String) value;
          Optional<SObjectType> targetType = schema.typeOfId(target);
          if (targetType.isEmpty() || !targetType.get().name().equals(field.referenceTo())) {
            errors.add(
                SalesforceError.of(
                    ErrorCode.FIELD_INTEGRITY_EXCEPTION,
                    field.name() + ": id value of incorrect type: " + target,
                    field.name()));
            return;
          }
          Map<String, Object> parent = byId.get(target);
          if (parent == null) {
            errors.add(
                SalesforceError.of(
                    ErrorCode.INVALID_CROSS_REFERENCE_KEY,
                    "invalid cross reference id",
                    field.name()));
          } else if (parent.get("IsDeleted") == Boolean.TRUE) {
            errors.add(
                SalesforceError.of(ErrorCode.ENTITY_IS_DELETED, "entity is deleted", field.name()));
          }
        });
    if (!errors.isEmpty()) {
      throw new RequestRejected(errors);
    }
  }

  private void checkUnique(
      SObjectType type, String recordId, Map<String, Object> row, Map<String, Object> old) {
    for (Field field : type.indexed()) {
      if (!field.unique()) {
        continue;
      }
      Object value = row.get(field.name());
      if (value == null || (old != null && value.equals(old.get(field.name())))) {
        continue;
      }
      for (String other : matching(type, field, value.toString())) {
        if (!other.equals(recordId)) {
          throw new RequestRejected(
              ErrorCode.DUPLICATE_VALUE,
              "duplicate value found: "
                  + field.name()
                  + " duplicates value on record with id: "
                  + other,
              field.name());
        }
      }
    }
  }

  private List<String> matching(SObjectType type, Field field, String value) {
    var index = externalIds.get(type.name() + "." + field.name());
    if (index == null || value == null) {
      return List.of();
    }
    return List.copyOf(index.getOrDefault(value.toLowerCase(Locale.ROOT), List.of()));
  }

  private void index(SObjectType type, String recordId, Map<String, Object> row) {
    journal(() -> unindex(type, recordId, row));
    for (Field field : type.indexed()) {
      if (row.get(field.name()) != null) {
        externalIds
            .computeIfAbsent(type.name() + "." + field.name(), k -> new HashMap<>())
            .computeIfAbsent(
                row.get(field.name()).toString().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
            .add(recordId);
      }
    }
  }

  private void unindex(SObjectType type, String recordId, Map<String, Object> row) {
    journal(() -> index(type, recordId, row));
    for (Field field : type.indexed()) {
      if (row.get(field.name()) != null) {
        var index = externalIds.get(type.name() + "." + field.name());
        String key = row.get(field.name()).toString().toLowerCase(Locale.ROOT);
        List<String> ids = index.get(key);
        ids.remove(recordId);
        if (ids.isEmpty()) {
          index.remove(key);
        }
      }
    }
  }

  private void linkChild(
      SObjectType type, String recordId, Map<String, Object> old, Map<String, Object> row) {
    journal(() -> linkChild(type, recordId, row, old == null ? Map.of() : old));
    for (String field : indexedReferences.getOrDefault(type.name(), List.of())) {
      Object before = old == null ? null : old.get(field);
      Object after = row.get(field);
      if (Objects.equals(before, after)) {
        continue;
      }
      if (before != null) {
        childrenByParent.getOrDefault((String) before, new LinkedHashSet<>()).remove(recordId);
      }
      if (after != null) {
        childrenByParent.computeIfAbsent((String) after, k -> new LinkedHashSet<>()).add(recordId);
      }
    }
  }

  private void unlinkChild(SObjectType type, String recordId, Map<String, Object> row) {
    linkChild(type, recordId, row, Map.of());
    Set<String> children = childrenByParent.remove(recordId);
    if (children != null) {
      journal(() -> childrenByParent.put(recordId, children));
    }
  }

  /** Live (or all) children of a record, of one type, in creation order. */
  List<Map<String, Object>> children(String parentId, String childType, boolean includeDeleted) {
    var result = new ArrayList<Map<String, Object>>();
    for (String childId : childrenByParent.getOrDefault(parentId, Set.of())) {
      Map<String, Object> child = byId.get(childId);
      if (child != null
          && childId.startsWith(schema.type(childType).orElseThrow().keyPrefix())
          && (includeDeleted || child.get("IsDeleted") != Boolean.TRUE)) {
        result.add(child);
      }
    }
    return result;
  }

  /** The record and everything a delete takes along, parents before children. */
  private List<String> cascade(String rootId, boolean liveOnly) {
    var result = new ArrayList<String>();
    var pending = new ArrayList<String>(List.of(rootId));
    while (!pending.isEmpty()) {
      String current = pending.removeFirst();
      result.add(current);
      SObjectType type = typeOf(byId.get(current));
      for (ChildRelation child : type.children()) {
        if (!child.cascade()) {
          continue;
        }
        for (Map<String, Object> row : children(current, child.childType(), !liveOnly)) {
          String childId = (String) row.get("Id");
          if (current.equals(row.get(child.field())) && !result.contains(childId)) {
            pending.add(childId);
          }
        }
      }
    }
    return result;
  }

  private void stamp(Map<String, Object> row, Tx tx, boolean byUser) {
    if (byUser) {
      row.put("LastModifiedDate", tx.now);
      row.put("LastModifiedById", tx.caller.userId());
    }
    row.put("SystemModstamp", tx.now);
  }

  private void store(SObjectType type, String recordId, Map<String, Object> row) {
    Map<String, Object> frozen = Collections.unmodifiableMap(row);
    Map<String, Object> previous = byId.put(recordId, frozen);
    byType.get(type.name()).put(recordId, frozen);
    journal(() -> restore(type, recordId, previous));
  }

  private void unstore(SObjectType type, String recordId) {
    Map<String, Object> previous = byId.remove(recordId);
    byType.get(type.name()).remove(recordId);
    journal(() -> restore(type, recordId, previous));
  }

  private void restore(SObjectType type, String recordId, Map<String, Object> previous) {
    if (previous == null) {
      byId.remove(recordId);
      byType.get(type.name()).remove(recordId);
    } else {
      byId.put(recordId, previous);
      byType.get(type.name()).put(recordId, previous);
    }
  }

  private void setDeletedWith(String recordId, String rootId) {
    String previous =
        rootId == null ? deletedWith.remove(recordId) : deletedWith.put(recordId, rootId);
    journal(
        () -> {
          if (previous == null) {
            deletedWith.remove(recordId);
          } else {
            deletedWith.put(recordId, previous);
          }
        });
  }

  /** Notes (or, with a null time, forgets) a deletion in the getDeleted log. */
  private void logDeletion(SObjectType type, String recordId, Instant at) {
    var log = deleteLog.computeIfAbsent(type.name(), t -> new LinkedHashMap<>());
    Instant previous = at == null ? log.remove(recordId) : log.put(recordId, at);
    journal(
        () -> {
          if (previous == null) {
            log.remove(recordId);
          } else {
            log.put(recordId, previous);
          }
        });
  }

  private void insertSystemRow(
      String typeName, String recordId, Map<String, Object> row, String userId) {
    SObjectType type = requireType(typeName);
    for (Field field : type.fields().values()) {
      if (field.type() == FieldType.BOOLEAN && !row.containsKey(field.name())) {
        row.put(field.name(), false);
      }
    }
    row.put("Id", recordId);
    row.put("CreatedDate", createdDate);
    row.put("CreatedById", userId);
    row.put("LastModifiedDate", createdDate);
    row.put("LastModifiedById", userId);
    row.put("SystemModstamp", createdDate);
    store(type, recordId, row);
    index(type, recordId, row);
  }

  private static Map<String, Object> valuesOf(Map<String, Object> row) {
    var values = new LinkedHashMap<>(row);
    values.remove("Id");
    values.remove("SystemModstamp");
    values.remove("IsDeleted");
    return values;
  }

  SObjectType requireType(String name) {
    return schema
        .type(name)
        .orElseThrow(
            () ->
                new RequestRejected(
                    ErrorCode.INVALID_TYPE, "sObject type '" + name + "' is not supported."));
  }

  SObjectType typeOf(Map<String, Object> row) {
    return schema.typeOfId((String) row.get("Id")).orElseThrow();
  }

  /** Any stored record by id, deleted or not; null when there is none. */
  Map<String, Object> stored(String recordId) {
    return byId.get(recordId);
  }

  private Map<String, Object> existing(SObjectType type, String rawId) {
    String normalised = FieldValues.normalisedId(rawId);
    String label = type == null ? "Record ID" : type.name() + " ID";
    if (normalised == null) {
      throw new RequestRejected(
          ErrorCode.MALFORMED_ID, label + ": id value of incorrect type: " + rawId);
    }
    Map<String, Object> row = byId.get(normalised);
    if (row == null || (type != null && !normalised.startsWith(type.keyPrefix()))) {
      throw new RequestRejected(ErrorCode.NOT_FOUND, "The requested resource does not exist");
    }
    return row;
  }

  private Map<String, Object> existingLive(SObjectType type, String rawId) {
    Map<String, Object> row = existing(type, rawId);
    if (row.get("IsDeleted") == Boolean.TRUE) {
      throw new RequestRejected(ErrorCode.ENTITY_IS_DELETED, "entity is deleted");
    }
    return row;
  }

  @Override
  public String toString() {
    return "Org[" + id + " " + name + "]";
  }
}
