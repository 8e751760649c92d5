package com.caskr.sync.auth.connections;

import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.util.regex.Pattern;

/**
 * What an admin gives to connect a company server-to-server with the JWT bearer flow. The private
 * key never travels in it: {@code privateKeyRef} and {@code certificateRef} name files in the
 * mounted key directory (a secret volume), and only those names are stored.
 *
 * @param loginHost host[:port] the assertion goes to; by default login.salesforce.com (production)
 *     or test.salesforce.com (sandbox); required for a custom My Domain
 * @param username the pre-authorised Salesforce user the assertions are issued for
 * @param clientId the consumer key of the connected app holding the certificate, or null for the
 *     deployment's app ({@code auth.salesforce.client-id})
 * @param privateKeyRef the PKCS#8 PEM private key, relative to the key directory
 * @param certificateRef the X.509 PEM certificate uploaded to the connected app, relative to the
 *     key directory
 */
public record JwtBearerSetup(
    long companyId,
    SalesforceEnvironment environment,
    String loginHost,
    String username,
    String clientId,
    String privateKeyRef,
    String certificateRef) {

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?");
  private static final Pattern USERNAME = Pattern.compile("[^\\s@]+@[^\\s@]+");
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._]{1,255}");
  private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._/-]{1,255}");

  /** Validates and fills in the default login host; messages name the field. */
  public JwtBearerSetup {
    if (companyId <= 0) {
      throw new IllegalArgumentException("companyId must be positive");
    }
    if (environment == null) {
      throw new IllegalArgumentException(
          "environment is required: PRODUCTION, SANDBOX or CUSTOM_DOMAIN");
    }
    loginHost = blankToNull(loginHost);
    if (loginHost == null) {
      loginHost =
          switch (environment) {
            case PRODUCTION -> "login.salesforce.com";
            case SANDBOX -> "test.salesforce.com";
            case CUSTOM_DOMAIN ->
                throw new IllegalArgumentException(
                    "loginHost is required for a CUSTOM_DOMAIN connection (the My Domain host)");
          };
    }
    if (!HOST.matcher(loginHost).matches()) {
      throw new IllegalArgumentException("loginHost must be a host name, optionally with :port");
    }
    username = blankToNull(username);
    if (username == null || username.length() > 80 || !USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException("username must be a Salesforce username (name@domain)");
    }
    clientId = blankToNull(clientId);
    if (clientId != null && !CLIENT_ID.matcher(clientId).matches()) {
      throw new IllegalArgumentException("clientId must be a connected app's consumer key");
    }
    privateKeyRef = reference("privateKeyRef", privateKeyRef);
    certificateRef = reference("certificateRef", certificateRef);
  }

  private static String reference(String field, String value) {
    String reference = blankToNull(value);
    if (reference == null
        || !REFERENCE.matcher(reference).matches()
        || reference.startsWith("/")
        || reference.contains("..")) {
      throw new IllegalArgumentException(
          field + " must name a file inside the key directory (letters, digits, . _ - /; no ..)");
    }
    return reference;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
