package com.caskr.sync.testing.archfixture.webhook;

import com.caskr.sync.testing.archfixture.polling.Poller;

/** Deliberately makes one adapter call another, so the rule's own test can see it fire. */
public class WebhookThatCallsPolling {
  public Poller poller = new Poller();
}
