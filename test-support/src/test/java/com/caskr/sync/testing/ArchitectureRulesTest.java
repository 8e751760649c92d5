package com.caskr.sync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

class ArchitectureRulesTest {

  private static final String FIXTURE = "com.caskr.sync.testing.archfixture";
  private final JavaClasses classes = new ClassFileImporter().importPackages(FIXTURE);

  @Test
  void reportsACoreClassThatUsesSpring() {
    EvaluationResult result = ArchitectureRules.coreIsPlainJava(FIXTURE, "core").evaluate(classes);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(detail -> assertThat(detail).contains("CoreThatImportsSpring"));
  }

  @Test
  void reportsAnAdapterThatCallsAnotherAdapter() {
    var rules = ArchitectureRules.adaptersMeetOnlyInTheCore(FIXTURE, "webhook", "polling");

    assertThat(rules).hasSize(2);
    assertThat(rules.get(0).evaluate(classes).hasViolation()).isTrue();
    assertThat(rules.get(1).evaluate(classes).hasViolation()).isFalse();
  }

  @Test
  void acceptsPackagesThatDoNotExistYet() {
    assertThat(
            ArchitectureRules.coreIsPlainJava(FIXTURE, "fieldmap", "conflicts")
                .evaluate(classes)
                .hasViolation())
        .isFalse();
  }
}
