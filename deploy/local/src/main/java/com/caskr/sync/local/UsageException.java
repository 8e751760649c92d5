package com.caskr.sync.local;

/** The command line cannot be used as given; the message says why and how to call the launcher. */
final class UsageException extends RuntimeException {

  static final String USAGE =
      """
      usage: deploy/local/run [--no-build] [--ports=fixed|free] [--only=<service>,...] [--repo=<dir>] \
      [--run-dir=<dir>]
        --no-build          skip ./mvnw package (handled by the run script)
        --ports=fixed|free  fixed (default): Kafka 9092, PostgreSQL 15432, services 8081-8084, emulator 8090;
                            free: any free ports, e.g. beside a running stack
        --only=a,b          start only these services (Kafka and PostgreSQL always start):
                            auth-service, ingest-service, mapping-service, writeback-service, salesforce-emulator
        --repo=<dir>        repository root (default: nearest directory at or above the current one
                            that holds pom.xml and deploy/local)
        --run-dir=<dir>     logs, data and cache (default: <repo>/deploy/local/.run)""";

  UsageException(String problem) {
    super(problem + System.lineSeparator() + USAGE);
  }
}
