package com.caskr.sync.mapping.settings;

import com.caskr.sync.mapping.fieldmap.FieldRules;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A company's field rules, sync preferences and industry table, cached: every event needs them and
 * they change rarely. The admin API invalidates a company's entries when it changes them on this
 * instance; other instances reload an entry once it is older than {@code maxAge}
 * (mapping.settings.max-age), so a change reaches every instance within that time.
 */
public final class CompanySettings {

  private final SettingsStore store;
  private final Duration maxAge;
  private final Clock clock;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  public CompanySettings(SettingsStore store, Duration maxAge, Clock clock) {
    this.store = store;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** The active field rules of {@code object} for {@code companyId}. */
  public FieldRules fieldRules(long companyId, SalesforceEntity object) {
    return cached(
        new Key(companyId, Kind.FIELD_RULES, object),
        () ->
            new FieldRules(
                companyId,
                object,
                store.mappings(companyId, object).stream()
                    .filter(FieldMapping::active)
                    .map(FieldMapping::rule)
                    .toList()));
  }

  /** The sync preference of {@code entity} for {@code companyId}. */
  public SyncPreference preference(long companyId, SalesforceEntity entity) {
    return cached(
        new Key(companyId, Kind.PREFERENCE, entity), () -> store.preference(companyId, entity));
  }

  /** Industry (lower case) → customer type for {@code companyId}. */
  public Map<String, String> industryCustomerTypes(long companyId) {
    return cached(
        new Key(companyId, Kind.INDUSTRIES, null), () -> store.industryCustomerTypes(companyId));
  }

  /** Forgets what is cached for {@code companyId}: the next use reads the tables again. */
  public void invalidate(long companyId) {
    entries.keySet().removeIf(key -> key.companyId() == companyId);
  }

  @SuppressWarnings("unchecked")
  private <T> T cached(Key key, Supplier<T> load) {
    Instant now = clock.instant();
    Entry entry = entries.get(key);
    if (entry == null || entry.loadedAt().plus(maxAge).isBefore(now)) {
      entry = new Entry(load.get(), now);
      entries.put(key, entry);
    }
    return (T) entry.value();
  }

  private enum Kind {
    FIELD_RULES,
    PREFERENCE,
    INDUSTRIES
  }

  private record Key(long companyId, Kind kind, SalesforceEntity entity) {}

  private record Entry(Object value, Instant loadedAt) {}
}
