package com.caskr.sync.auth.connect;

import com.caskr.sync.auth.connections.ConnectOutcome;
import com.caskr.sync.auth.connections.Connection;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.util.Optional;

/**
 * The connect flow's server-rendered pages. Every value is HTML-escaped; no page ever shows a
 * token. Element ids ({@code connect}, {@code connected}, {@code org-id}, {@code connect-failed},
 * {@code reason}) are what browser tests and scripts look for.
 */
final class Pages {

  private Pages() {}

  static String connect(long companyId, Optional<Connection> live) {
    String current =
        live.map(
                c ->
                    "<p id=\"current\">Connected to Salesforce org <strong>"
                        + escape(c.orgId().value())
                        + "</strong> ("
                        + escape(c.environment().name())
                        + ", "
                        + escape(c.state().name())
                        + "). Connecting again with the same org replaces its tokens; another org"
                        + " needs a disconnect first.</p>")
            .orElse("<p id=\"current\">Not connected to Salesforce.</p>");
    StringBuilder options = new StringBuilder();
    for (SalesforceEnvironment environment : SalesforceEnvironment.values()) {
      options
          .append("<option value=\"")
          .append(environment.name())
          .append("\">")
          .append(label(environment))
          .append("</option>");
    }
    return page(
        "Salesforce connection",
        "<h1>Salesforce connection for company "
            + companyId
            + "</h1>"
            + current
            + "<form method=\"get\" action=\"/api/integrations/salesforce/connect\">"
            + "<input type=\"hidden\" name=\"companyId\" value=\""
            + companyId
            + "\">"
            + "<p><label>Environment <select id=\"environment\" name=\"environment\">"
            + options
            + "</select></label></p>"
            + "<p><label>My Domain host (custom domain only) <input id=\"myDomain\""
            + " name=\"myDomain\" placeholder=\"acme.my.salesforce.com\"></label></p>"
            + "<p><button id=\"connect\" type=\"submit\">Connect to Salesforce</button></p>"
            + "</form>");
  }

  static String connected(ConnectOutcome.Connected outcome) {
    return page(
        "Connected to Salesforce",
        "<h1 id=\"connected\">"
            + (outcome.reconnected() ? "Reconnected" : "Connected")
            + " to Salesforce</h1>"
            + "<dl>"
            + "<dt>Company</dt><dd id=\"company-id\">"
            + outcome.companyId()
            + "</dd>"
            + "<dt>Salesforce org</dt><dd id=\"org-id\">"
            + escape(outcome.orgId().value())
            + "</dd>"
            + "<dt>Environment</dt><dd id=\"environment\">"
            + escape(outcome.environment().name())
            + "</dd>"
            + "<dt>Connected user</dt><dd id=\"user-id\">"
            + escape(outcome.userId().value())
            + "</dd>"
            + "<dt>Instance</dt><dd id=\"instance-url\">"
            + escape(outcome.instanceUrl().toString())
            + "</dd>"
            + "</dl>"
            + back(outcome.companyId()));
  }

  static String failed(String reason, Long companyId) {
    return page(
        "Salesforce connection failed",
        "<h1 id=\"connect-failed\">The Salesforce connection was not made</h1>"
            + "<p id=\"reason\">"
            + escape(reason)
            + "</p>"
            + "<p>Nothing was stored.</p>"
            + (companyId == null ? "" : back(companyId)));
  }

  private static String back(long companyId) {
    return "<p><a href=\"/integrations/salesforce?companyId="
        + companyId
        + "\">Back to the Salesforce connection</a></p>";
  }

  private static String label(SalesforceEnvironment environment) {
    return switch (environment) {
      case PRODUCTION -> "Production (login.salesforce.com)";
      case SANDBOX -> "Sandbox (test.salesforce.com)";
      case CUSTOM_DOMAIN -> "Custom domain (My Domain)";
    };
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + " | Caskr Sync</title></head><body>"
        + body
        + "</body></html>";
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
