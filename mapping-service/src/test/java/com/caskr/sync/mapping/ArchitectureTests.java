package com.caskr.sync.mapping;

import com.caskr.sync.testing.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** STYLE.md rules 2 and 3 for this service (ARCHITECTURE.md §3 names the packages). */
class ArchitectureTests {

  private static final String BASE = "com.caskr.sync.mapping";

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(BASE);

  @Test
  void coreIsPlainJava() {
    ArchitectureRules.coreIsPlainJava(BASE, "fieldmap", "conflicts", "rules").check(classes);
  }

  @Test
  void adaptersMeetOnlyInTheCore() {
    ArchitectureRules.adaptersMeetOnlyInTheCore(BASE, "intake", "outbox", "admin", "tenancy")
        .forEach(rule -> rule.check(classes));
  }
}
