package com.caskr.sync.schema;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "com.caskr.sync.schema",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule contractsDoNotDependOnSpring =
      noClasses()
          .that()
          .resideInAPackage("com.caskr.sync.schema..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.springframework..");

  // Services' cores use the event records; they must not drag Kafka or Jackson databind along.
  // (Jackson annotations are fine: annotations do not need to be on the classpath at run time.)
  @ArchTest
  static final ArchRule eventsAndIdsArePlainJava =
      noClasses()
          .that()
          .resideInAnyPackage("com.caskr.sync.schema", "com.caskr.sync.schema.events")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.kafka..",
              "tools.jackson..",
              "com.caskr.sync.schema.topics..",
              "com.caskr.sync.schema.kafka..",
              "com.caskr.sync.schema.json..");

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("com.caskr.sync.schema.(*)..").should().beFreeOfCycles();
}
