package com.caskr.sync.ingest.testing;

import com.caskr.sync.ingest.salesforce.OrgToken;
import com.caskr.sync.ingest.salesforce.OrgTokens;
import com.caskr.sync.salesforce.oauth.Session;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link OrgTokens} backed by real emulator sessions (JWT bearer over HTTP) instead of
 * auth-service: what auth-service would hand out, one org per company.
 */
public final class EmulatorTokens implements OrgTokens {

  private final Map<Long, OrgAccess> orgs = new ConcurrentHashMap<>();
  private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger refreshes = new AtomicInteger();

  public EmulatorTokens connect(long companyId, OrgAccess org) {
    orgs.put(companyId, org);
    sessions.remove(companyId);
    return this;
  }

  public int refreshes() {
    return refreshes.get();
  }

  @Override
  public OrgToken current(long companyId) {
    Session session = sessions.computeIfAbsent(companyId, id -> access(id).sessions().session());
    return token(companyId, session);
  }

  @Override
  public OrgToken refresh(long companyId, OrgToken rejected) {
    refreshes.incrementAndGet();
    Session rejectedSession = new Session(rejected.accessToken(), rejected.instanceUrl());
    Session fresh = access(companyId).sessions().refresh(rejectedSession);
    sessions.put(companyId, fresh);
    return token(companyId, fresh);
  }

  private OrgAccess access(long companyId) {
    OrgAccess access = orgs.get(companyId);
    if (access == null) {
      throw new IllegalStateException("company " + companyId + " is not connected");
    }
    return access;
  }

  private OrgToken token(long companyId, Session session) {
    return new OrgToken(
        session.accessToken(), session.instanceUrl(), access(companyId).orgId(), Instant.now());
  }
}
