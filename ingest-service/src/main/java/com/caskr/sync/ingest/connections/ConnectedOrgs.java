package com.caskr.sync.ingest.connections;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.ConnectionChanged;
import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live registry of connected orgs, built from the compacted topic {@code
 * auth.connection.changed.v1} (key companyId, latest state wins). Lookups never block; changes are
 * applied one at a time and reported to {@link Listener}s in order, so stream and poll workers can
 * start and stop per org.
 *
 * <p>Until the topic has been read up to where it stood at start-up ({@link #loaded()}), lookups
 * may miss orgs that exist; the push channels answer "retry later" meanwhile instead of refusing.
 */
public final class ConnectedOrgs {

  private static final System.Logger LOG = System.getLogger(ConnectedOrgs.class.getName());

  private final Map<Long, ConnectedOrg> byCompany = new ConcurrentHashMap<>();

  /**
   * Companies per org whose connection is live. Written under the lock: an entry is added before
   * and removed after {@link #byCompany} changes, so a reader (which checks {@link #byCompany}) may
   * see a stale entry but never misses a live org.
   */
  private final Map<SalesforceId, Set<Long>> liveCompaniesByOrg = new ConcurrentHashMap<>();

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean loaded;

  /** Told when an org starts or stops being live. */
  public interface Listener {

    /** The org became live, or a live org's details (instance URL, org id) changed. */
    void started(ConnectedOrg org);

    /** The org is no longer live (disconnected, needs a reconnect, or replaced by another org). */
    void stopped(ConnectedOrg org);
  }

  /**
   * The live connection of an org, if exactly one company holds it live. Every push request asks,
   * so it reads an index by org instead of scanning every company.
   */
  public Optional<ConnectedOrg> byOrgId(SalesforceId orgId) {
    ConnectedOrg holder = null;
    int holders = 0;
    for (Long companyId : liveCompaniesByOrg.getOrDefault(orgId, Set.of())) {
      ConnectedOrg org = byCompany.get(companyId);
      if (org != null && org.live() && org.orgId().equals(orgId)) {
        holder = org;
        holders++;
      }
    }
    if (holders > 1) {
      // Two companies claiming one org would let one company's data reach the other (§5.7).
      LOG.log(
          Level.WARNING,
          "Org {0} is connected to {1} companies; refusing it until only one holds it",
          orgId,
          holders);
      return Optional.empty();
    }
    return Optional.ofNullable(holder);
  }

  /** A company's connection in whatever state it is. */
  public Optional<ConnectedOrg> byCompany(long companyId) {
    return Optional.ofNullable(byCompany.get(companyId));
  }

  /** Every live org, by company id. */
  public List<ConnectedOrg> live() {
    return byCompany.values().stream()
        .filter(ConnectedOrg::live)
        .sorted(Comparator.comparingLong(ConnectedOrg::companyId))
        .toList();
  }

  /** Whether the topic has been read up to its end as of start-up. */
  public boolean loaded() {
    return loaded;
  }

  /** Registers a listener and tells it at once about every org that is live now. */
  public synchronized void addListener(Listener listener) {
    listeners.add(listener);
    for (ConnectedOrg org : live()) {
      notify(listener, org, true);
    }
  }

  /** Applies the latest state of one company. */
  public synchronized void apply(ConnectionChanged change) {
    ConnectedOrg next =
        new ConnectedOrg(
            change.tenant(),
            change.state(),
            change.environment(),
            change.instanceUrl(),
            change.occurredAt());
    if (next.live()) {
      liveCompaniesByOrg
          .computeIfAbsent(next.orgId(), org -> ConcurrentHashMap.newKeySet())
          .add(next.companyId());
    }
    ConnectedOrg previous = byCompany.put(next.companyId(), next);
    if (previous != null
        && previous.live()
        && !(next.live() && previous.orgId().equals(next.orgId()))) {
      unindex(previous);
    }
    boolean wasLive = previous != null && previous.live();
    boolean sameConnection =
        wasLive
            && next.live()
            && previous.orgId().equals(next.orgId())
            && previous.instanceUrl().equals(next.instanceUrl());
    if (sameConnection) {
      return;
    }
    if (wasLive) {
      listeners.forEach(listener -> notify(listener, previous, false));
    }
    if (next.live()) {
      listeners.forEach(listener -> notify(listener, next, true));
    }
  }

  /** Forgets a company (a tombstone on the compacted topic). */
  public synchronized void remove(long companyId) {
    ConnectedOrg previous = byCompany.remove(companyId);
    if (previous != null && previous.live()) {
      unindex(previous);
      listeners.forEach(listener -> notify(listener, previous, false));
    }
  }

  private void unindex(ConnectedOrg org) {
    liveCompaniesByOrg.computeIfPresent(
        org.orgId(),
        (orgId, companies) -> {
          companies.remove(org.companyId());
          return companies.isEmpty() ? null : companies;
        });
  }

  void markLoaded() {
    loaded = true;
  }

  private static void notify(Listener listener, ConnectedOrg org, boolean started) {
    try {
      if (started) {
        listener.started(org);
      } else {
        listener.stopped(org);
      }
    } catch (RuntimeException e) {
      // One worker that cannot start must not keep the registry (and the other workers) stale.
      LOG.log(
          Level.ERROR,
          "Connection listener failed for company " + org.companyId() + ", org " + org.orgId(),
          e);
    }
  }
}
