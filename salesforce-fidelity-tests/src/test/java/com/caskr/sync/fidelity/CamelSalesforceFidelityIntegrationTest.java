package com.caskr.sync.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.seed.RecordGenerator;
import com.caskr.sync.fidelity.dto.Account;
import com.caskr.sync.fidelity.dto.Contact;
import com.caskr.sync.fidelity.dto.QueryRecordsAccount;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.generic.GenericRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.PubSubApiConsumer;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceConstants;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.NoSuchSObjectException;
import org.apache.camel.component.salesforce.api.dto.CreateSObjectResult;
import org.apache.camel.component.salesforce.api.dto.Limits;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Camel's Salesforce component, an independent client written against real Salesforce,
 * driven against the emulator without any change to either: it logs in with a refresh token (and,
 * in one test, with a JWT bearer assertion) and uses REST query paging, sObject CRUD and upsert,
 * queryAll, limits, sObject Collections, /composite, Bulk API 2.0 and the Pub/Sub API. All tests
 * share one emulator, org and Camel context, so assertions on counts read the org's own count.
 */
class CamelSalesforceFidelityIntegrationTest {

  private static final String API_VERSION = "62.0";
  private static final int PAGED_ACCOUNTS = 4_500;
  private static final String KEYSTORE_PASSWORD = "fidelity-keystore";

  private static RunningEmulator emulator;
  private static CamelContext camel;
  private static ProducerTemplate salesforce;

  @BeforeAll
  static void startEmulatorAndCamel() throws Exception {
    emulator = RunningEmulator.start();
    RecordGenerator.generate(
        emulator.org(), RecordGenerator.Volume.accounts(PAGED_ACCOUNTS), 20261122L);

    var config = new SalesforceEndpointConfig();
    config.setApiVersion(API_VERSION);

    var component = new SalesforceComponent();
    component.setAuthenticationType(AuthenticationType.REFRESH_TOKEN);
    component.setLoginUrl(emulator.baseUrl());
    component.setClientId(emulator.clientId());
    component.setClientSecret(emulator.clientSecret());
    component.setRefreshToken(emulator.refreshToken());
    component.setConfig(config);
    component.setPubSubHost("127.0.0.1");
    component.setPubSubPort(emulator.pubSubPort());
    component.setPackages(Account.class.getPackageName());

    camel = new DefaultCamelContext();
    camel.addComponent("salesforce", component);
    camel.start();
    salesforce = camel.createProducerTemplate();
  }

  @AfterAll
  static void stop() {
    if (camel != null) {
      camel.stop();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void pagesThroughAQueryWithNextRecordsUrl() {
    String soql = "SELECT Id, Name, Industry FROM Account";
    QueryRecordsAccount page =
        salesforce.requestBody(
            "salesforce:query?sObjectClass=" + QueryRecordsAccount.class.getName(),
            soql,
            QueryRecordsAccount.class);
    long accounts = emulator.org().count("Account", false);
    assertThat(page.getTotalSize()).isEqualTo(accounts).isGreaterThanOrEqualTo(PAGED_ACCOUNTS);

    Set<String> ids = new HashSet<>();
    int pages = 1;
    page.getRecords().forEach(account -> ids.add(account.getId()));
    while (!page.getDone()) {
      assertThat(page.getNextRecordsUrl()).startsWith("/services/data/v" + API_VERSION + "/query/");
      page =
          salesforce.requestBody(
              "salesforce:queryMore?sObjectClass=" + QueryRecordsAccount.class.getName(),
              page.getNextRecordsUrl(),
              QueryRecordsAccount.class);
      page.getRecords().forEach(account -> ids.add(account.getId()));
      pages++;
    }

    assertThat(pages).isGreaterThanOrEqualTo(3);
    assertThat(page.getNextRecordsUrl()).isNull();
    assertThat(ids).hasSize((int) accounts).allMatch(id -> id.length() == 18);
  }

  @Test
  void streamsEveryRecordOfAPagedQuery() {
    long accounts = emulator.org().count("Account", false);
    Iterator<?> records =
        salesforce.requestBody(
            "salesforce:query?streamQueryResult=true&sObjectClass="
                + QueryRecordsAccount.class.getName(),
            "SELECT Id, Name FROM Account",
            Iterator.class);
    List<Account> all = new ArrayList<>();
    records.forEachRemaining(record -> all.add((Account) record));
    assertThat(all).hasSize((int) accounts).allMatch(account -> account.getName() != null);
  }

  @Test
  void createsReadsUpdatesAndDeletesAnAccount() {
    var account = new Account();
    account.setName("Copper Still Tavern");
    account.setIndustry("Restaurants");
    CreateSObjectResult created =
        salesforce.requestBody(
            "salesforce:createSObject?sObjectName=Account", account, CreateSObjectResult.class);
    assertThat(created.getSuccess()).isTrue();
    assertThat(created.getId()).startsWith("001").hasSize(18);

    Account read = get(created.getId());
    assertThat(read.getName()).isEqualTo("Copper Still Tavern");
    assertThat(read.getIndustry()).isEqualTo("Restaurants");
    assertThat(read.getAttributes().getType()).isEqualTo("Account");
    assertThat(read.getSystemModstamp()).isNotNull();

    var change = new Account();
    change.setId(created.getId());
    change.setIndustry("Hospitality");
    salesforce.requestBody("salesforce:updateSObject?sObjectName=Account", change);
    assertThat(get(created.getId()).getIndustry()).isEqualTo("Hospitality");

    salesforce.requestBodyAndHeader(
        "salesforce:deleteSObject?sObjectName=Account", null, "sObjectId", created.getId());
    assertThatThrownBy(() -> get(created.getId()))
        .isInstanceOf(CamelExecutionException.class)
        .rootCause()
        .isInstanceOf(NoSuchSObjectException.class);
  }

  @Test
  void upsertsACollectionByExternalId() {
    var existing = new Account();
    existing.setName("Harbour Bottle Shop");
    existing.setCaskr_Customer_Id__c("CASKR-FID-1");
    salesforce.requestBody("salesforce:createSObject?sObjectName=Account", existing);

    var renamed = new Account();
    renamed.setName("Harbour Bottle Shop & Bar");
    renamed.setCaskr_Customer_Id__c("CASKR-FID-1");
    var fresh = new Account();
    fresh.setName("Quayside Lounge");
    fresh.setCaskr_Customer_Id__c("CASKR-FID-2");

    @SuppressWarnings("unchecked")
    List<UpsertSObjectResult> results =
        salesforce.requestBody(
            "salesforce:compositeUpsertSObjectCollections?sObjectName=Account"
                + "&sObjectIdName=Caskr_Customer_Id__c",
            List.of(renamed, fresh),
            List.class);

    assertThat(results).hasSize(2).allMatch(UpsertSObjectResult::getSuccess);
    assertThat(results.get(0).getCreated()).isFalse();
    assertThat(results.get(1).getCreated()).isTrue();
    assertThat(get(results.get(0).getId()).getName()).isEqualTo("Harbour Bottle Shop & Bar");
    assertThat(get(results.get(1).getId()).getCaskr_Customer_Id__c()).isEqualTo("CASKR-FID-2");
  }

  @Test
  void retrievesACollectionByPostInIdOrderWithNullForAMissingId() {
    String first = create("Retrieve Fidelity One");
    String second = create("Retrieve Fidelity Two");
    String missing = "001000000000000AAA";

    @SuppressWarnings("unchecked")
    List<Account> accounts =
        salesforce.requestBodyAndHeaders(
            "salesforce:compositeRetrieveSObjectCollections?sObjectName=Account",
            null,
            Map.of("sObjectIds", List.of(second, missing, first), "sObjectFields", "Id,Name"),
            List.class);

    assertThat(accounts).hasSize(3);
    assertThat(accounts.get(0).getId()).isEqualTo(second);
    assertThat(accounts.get(0).getName()).isEqualTo("Retrieve Fidelity Two");
    assertThat(accounts.get(1)).isNull();
    assertThat(accounts.get(2).getId()).isEqualTo(first);
    assertThat(accounts.get(2).getName()).isEqualTo("Retrieve Fidelity One");
  }

  @Test
  void logsInWithAJwtBearerAssertionAndQueries(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("camel-jwt.p12");
    Path certificate = dir.resolve("camel-jwt.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "camel",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-sigalg",
        "SHA256withRSA",
        "-dname",
        "CN=Apache Camel fidelity",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        KEYSTORE_PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "camel",
        "-keystore",
        keystore.toString(),
        "-storepass",
        KEYSTORE_PASSWORD,
        "-file",
        certificate.toString());
    String clientId =
        emulator.jwtClientId(Files.readString(certificate, StandardCharsets.US_ASCII));
    String id = create("Jwt Fidelity Arms");

    var keystoreParameters = new KeyStoreParameters();
    keystoreParameters.setResource("file:" + keystore);
    keystoreParameters.setType("PKCS12");
    keystoreParameters.setPassword(KEYSTORE_PASSWORD);
    var config = new SalesforceEndpointConfig();
    config.setApiVersion(API_VERSION);
    var component = new SalesforceComponent();
    // Camel writes "exp" as a JSON string, as Salesforce's documentation example does.
    component.setAuthenticationType(AuthenticationType.JWT);
    component.setLoginUrl(emulator.baseUrl());
    component.setJwtAudience("https://login.salesforce.com");
    component.setClientId(clientId);
    component.setUserName(RunningEmulator.USERNAME);
    component.setKeystore(keystoreParameters);
    component.setConfig(config);
    component.setPackages(Account.class.getPackageName());

    try (CamelContext jwtCamel = new DefaultCamelContext()) {
      jwtCamel.addComponent("salesforce", component);
      jwtCamel.start();
      QueryRecordsAccount page =
          jwtCamel
              .createProducerTemplate()
              .requestBody(
                  "salesforce:query?sObjectClass=" + QueryRecordsAccount.class.getName(),
                  "SELECT Id, Name FROM Account WHERE Id = '" + id + "'",
                  QueryRecordsAccount.class);
      assertThat(page.getRecords())
          .singleElement()
          .extracting(Account::getName)
          .isEqualTo("Jwt Fidelity Arms");
    }
  }

  @Test
  void upsertsOneRecordByExternalIdThenFindsItDeletedWithQueryAll() {
    var account = new Account();
    account.setName("Lighthouse Grill");
    account.setCaskr_Customer_Id__c("CASKR-FID-3");
    UpsertSObjectResult created =
        salesforce.requestBody(
            "salesforce:upsertSObject?sObjectName=Account&sObjectIdName=Caskr_Customer_Id__c",
            account,
            UpsertSObjectResult.class);
    assertThat(created.getCreated()).isTrue();

    account.setName("Lighthouse Grill & Rooms");
    UpsertSObjectResult updated =
        salesforce.requestBody(
            "salesforce:upsertSObject?sObjectName=Account&sObjectIdName=Caskr_Customer_Id__c",
            account,
            UpsertSObjectResult.class);
    assertThat(updated.getCreated()).isFalse();
    assertThat(updated.getId()).isEqualTo(created.getId());
    assertThat(get(created.getId()).getName()).isEqualTo("Lighthouse Grill & Rooms");

    salesforce.requestBodyAndHeader(
        "salesforce:deleteSObject?sObjectName=Account", null, "sObjectId", created.getId());
    QueryRecordsAccount deleted =
        salesforce.requestBody(
            "salesforce:queryAll?sObjectClass=" + QueryRecordsAccount.class.getName(),
            "SELECT Id, IsDeleted FROM Account WHERE Id = '" + created.getId() + "'",
            QueryRecordsAccount.class);
    assertThat(deleted.getRecords()).singleElement().matches(Account::isIsDeleted);
  }

  @Test
  void readsTheDailyApiAllocationFromLimits() {
    Limits limits = salesforce.requestBody("salesforce:limits", null, Limits.class);
    assertThat(limits.getDailyApiRequests().getMax()).isPositive();
    assertThat(limits.getDailyApiRequests().getRemaining())
        .isBetween(0, limits.getDailyApiRequests().getMax() - 1);
  }

  @Test
  void runsACompositeRequestWhoseLaterStepsReferToEarlierOnes() {
    var account = new Account();
    account.setName("Composite Cellars");
    var change = new Account();
    change.setIndustry("Wholesale");
    var composite =
        new SObjectComposite(API_VERSION, true)
            .addCreate(account, "NewAccount")
            .addUpdate("Account", "@{NewAccount.id}", change, "Reclassify")
            .addGet("Account", "@{NewAccount.id}", "ReadBack", "Name", "Industry");

    SObjectCompositeResponse response =
        salesforce.requestBody("salesforce:composite", composite, SObjectCompositeResponse.class);

    List<SObjectCompositeResult> results = response.getCompositeResponse();
    assertThat(results)
        .extracting(SObjectCompositeResult::getReferenceId)
        .containsExactly("NewAccount", "Reclassify", "ReadBack");
    assertThat(results)
        .extracting(SObjectCompositeResult::getHttpStatusCode)
        .containsExactly(201, 204, 200);
    @SuppressWarnings("unchecked")
    Map<String, Object> readBack = (Map<String, Object>) results.get(2).getBody();
    assertThat(readBack).containsEntry("Name", "Composite Cellars");
    assertThat(readBack).containsEntry("Industry", "Wholesale");
  }

  @Test
  void runsABulk2QueryJobAndReadsItsCsvInPages() throws Exception {
    var request = new QueryJob();
    request.setOperation(OperationEnum.QUERY);
    request.setQuery("SELECT Id, Name FROM Account WHERE Name LIKE 'Bulk Fidelity %'");
    for (int i = 0; i < 3; i++) {
      emulator
          .org()
          .create(
              "Account",
              Map.of("Name", "Bulk Fidelity " + i),
              Caller.user(emulator.org().adminUserId()));
    }

    QueryJob job =
        salesforce.requestBody("salesforce:bulk2CreateQueryJob", request, QueryJob.class);
    assertThat(job.getId()).startsWith("750");
    assertThat(job.getState()).isEqualTo(JobStateEnum.UPLOAD_COMPLETE);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                salesforce
                    .requestBody("salesforce:bulk2GetQueryJob", job, QueryJob.class)
                    .getState(),
            state -> state == JobStateEnum.JOB_COMPLETE);

    List<String> rows = new ArrayList<>();
    String locator = null;
    int pages = 0;
    do {
      String from = locator;
      Exchange page =
          salesforce.request(
              "salesforce:bulk2GetQueryJobResults?maxRecords=2",
              exchange -> {
                exchange.getIn().setHeader("jobId", job.getId());
                if (from != null) {
                  exchange.getIn().setHeader("locator", from);
                }
              });
      if (page.getException() != null) {
        throw page.getException();
      }
      pages++;
      try (InputStream csv = page.getMessage().getBody(InputStream.class)) {
        List<String> lines =
            new String(csv.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst()).isEqualTo("\"Id\",\"Name\"");
        rows.addAll(lines.subList(1, lines.size()));
      }
      locator = page.getMessage().getHeader("Sforce-Locator", String.class);
    } while (!"null".equals(locator) && pages < 5);

    assertThat(pages).isEqualTo(2);
    assertThat(rows).hasSize(3).allMatch(row -> row.contains("Bulk Fidelity "));
  }

  @Test
  void receivesRestChangesAsChangeDataCaptureOverPubSub() throws Exception {
    List<Exchange> received = new CopyOnWriteArrayList<>();
    // Contacts, because the generated accounts would fill the stream from EARLIEST; EARLIEST, so
    // the test does not race the subscription's start.
    Endpoint endpoint =
        camel.getEndpoint(
            "salesforce:pubSubSubscribe:/data/ContactChangeEvent?replayPreset=EARLIEST");
    var consumer = (PubSubApiConsumer) endpoint.createConsumer(received::add);
    // Camel's switch "for test contexts": the emulator's gRPC port has no TLS.
    consumer.setUsePlainTextConnection(true);
    consumer.start();
    try {
      var contact = new Contact();
      contact.setFirstName("Nora");
      contact.setLastName("Quinn");
      contact.setEmail("nora.quinn@example.com");
      String id =
          salesforce
              .requestBody(
                  "salesforce:createSObject?sObjectName=Contact",
                  contact,
                  CreateSObjectResult.class)
              .getId();
      var change = new Contact();
      change.setId(id);
      change.setLastName("Quinn-Byrne");
      salesforce.requestBody("salesforce:updateSObject?sObjectName=Contact", change);

      await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);

      GenericRecord created = (GenericRecord) received.get(0).getIn().getBody();
      GenericRecord header = (GenericRecord) created.get("ChangeEventHeader");
      assertThat(header.get("entityName").toString()).isEqualTo("Contact");
      assertThat(header.get("changeType").toString()).isEqualTo("CREATE");
      assertThat(header.get("recordIds").toString()).contains(id);
      // Contact's name is a compound field in CDC, as in Salesforce.
      assertThat(((GenericRecord) created.get("Name")).get("LastName").toString())
          .isEqualTo("Quinn");
      assertThat(created.get("Email").toString()).isEqualTo("nora.quinn@example.com");

      GenericRecord updated = (GenericRecord) received.get(1).getIn().getBody();
      GenericRecord updateHeader = (GenericRecord) updated.get("ChangeEventHeader");
      assertThat(updateHeader.get("changeType").toString()).isEqualTo("UPDATE");
      assertThat(((GenericRecord) updated.get("Name")).get("LastName").toString())
          .isEqualTo("Quinn-Byrne");
      assertThat(updated.get("Email")).isNull();
      assertThat(((List<?>) updateHeader.get("changedFields"))).isNotEmpty();

      assertThat(received)
          .allSatisfy(
              exchange ->
                  assertThat(
                          exchange
                              .getIn()
                              .getHeader(SalesforceConstants.HEADER_SALESFORCE_PUBSUB_REPLAY_ID))
                      .isNotNull());
      assertThat(received.size()).isEqualTo(2);
    } finally {
      consumer.stop();
    }
  }

  private static String create(String name) {
    var account = new Account();
    account.setName(name);
    return salesforce
        .requestBody(
            "salesforce:createSObject?sObjectName=Account", account, CreateSObjectResult.class)
        .getId();
  }

  /** The running JDK's keytool, so the test keeps no private key in the repository. */
  private static void keytool(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("keytool: %s", output).isZero();
  }

  private static Account get(String id) {
    return salesforce.requestBody(
        "salesforce:getSObject?sObjectName=Account&sObjectFields=Id,Name,Industry,"
            + "Caskr_Customer_Id__c,SystemModstamp&sObjectClass="
            + Account.class.getName(),
        id,
        Account.class);
  }
}
