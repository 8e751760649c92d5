package com.caskr.sync.ingest.testing;

import com.caskr.sync.ingest.IngestServiceApplication;
import com.caskr.sync.ingest.salesforce.OrgTokens;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.TestDatabase;
import com.caskr.sync.testing.TestInfrastructure;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * One ingest-service running in this JVM against the shared broker, a given database and the
 * emulator's Pub/Sub API, with tokens from real emulator sessions instead of auth-service. Several
 * instances on one database behave as several ingest pods.
 */
public final class IngestInstance implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private IngestInstance(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public static IngestInstance start(
      String name, TestDatabase database, Emulator emulator, OrgTokens tokens, String... extra) {
    List<String> args = new ArrayList<>();
    args.add("--spring.application.name=ingest-service");
    args.add("--server.port=0");
    args.add("--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers());
    args.add("--spring.datasource.url=" + database.jdbcUrl());
    args.add("--spring.datasource.username=" + database.username());
    args.add("--spring.datasource.password=" + database.password());
    args.add("--ingest.salesforce.pubsub-host=" + emulator.pubSub().host());
    args.add("--ingest.salesforce.pubsub-port=" + emulator.pubSub().port());
    args.add("--ingest.salesforce.pubsub-plaintext=true");
    args.add("--ingest.leadership.check-interval=300ms");
    args.add("--ingest.pubsub.reconnect-initial=100ms");
    args.add("--ingest.pubsub.reconnect-max=2s");
    args.add("--ingest.pubsub.restart-after-failure=2s");
    args.add("--ingest.pubsub.restart-max=10s");
    args.add("--logging.level.com.caskr.sync.ingest=DEBUG");
    args.addAll(List.of(extra));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(IngestServiceApplication.class)
            .initializers(
                applicationContext ->
                    applicationContext.getBeanFactory().registerSingleton("emulatorTokens", tokens))
            .properties("spring.main.banner-mode=off")
            .run(args.toArray(String[]::new));
    context.setId(name);
    return new IngestInstance(context);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** What auth-service announces when a company connects an org (or its state changes). */
  @SuppressWarnings("unchecked")
  public void announce(long companyId, OrgAccess org, ConnectionState state) throws Exception {
    KafkaTemplate<String, SyncEvent> kafka = context.getBean(KafkaTemplate.class);
    var changed =
        Connections.changed(companyId, org.orgId(), state, URI.create(org.emulator().baseUrl()));
    kafka
        .send(TopicCatalogue.AUTH_CONNECTION_CHANGED.name(), changed.kafkaKey(), changed)
        .get(30, TimeUnit.SECONDS);
  }

  public boolean running() {
    return context.isActive();
  }

  /** Stops the instance the way a pod stops: beans closed, locks and connections released. */
  @Override
  public void close() {
    if (context.isActive()) {
      context.close();
    }
  }
}
