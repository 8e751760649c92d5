package com.caskr.sync.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout rules of STYLE.md, written once. Each service's {@code ArchitectureTests} names its
 * core and adapter packages and checks these rules on every build.
 *
 * <p>Rules pass on packages that do not exist yet, so a service can list the packages the
 * architecture promises before it writes them; the rules bite the moment a class lands there.
 */
public final class ArchitectureRules {

  /** Frameworks the core must not see (STYLE rule 2): they belong in adapters. */
  private static final String[] INFRASTRUCTURE = {
    "org.springframework..",
    "org.apache.kafka..",
    "java.sql..",
    "javax.sql..",
    "tools.jackson..",
    "com.fasterxml.jackson.."
  };

  private ArchitectureRules() {}

  /** Classes in {@code basePackage.<core>} depend on no Spring, Kafka, JDBC or Jackson type. */
  public static ArchRule coreIsPlainJava(String basePackage, String... corePackages) {
    return noClasses()
        .that()
        .resideInAnyPackage(subPackages(basePackage, corePackages))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(INFRASTRUCTURE)
        .as("the core (%s) is plain Java".formatted(String.join(", ", corePackages)))
        .allowEmptyShould(true);
  }

  /** No adapter package of {@code basePackage} uses another adapter package (STYLE rule 3). */
  public static List<ArchRule> adaptersMeetOnlyInTheCore(
      String basePackage, String... adapterPackages) {
    List<ArchRule> rules = new ArrayList<>();
    for (String adapter : adapterPackages) {
      String[] others =
          java.util.Arrays.stream(adapterPackages)
              .filter(other -> !other.equals(adapter))
              .toArray(String[]::new);
      if (others.length == 0) {
        continue;
      }
      rules.add(
          noClasses()
              .that()
              .resideInAPackage(basePackage + "." + adapter + "..")
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(subPackages(basePackage, others))
              .as("adapter %s uses no other adapter".formatted(adapter))
              .allowEmptyShould(true));
    }
    return rules;
  }

  private static String[] subPackages(String basePackage, String... packages) {
    return java.util.Arrays.stream(packages)
        .map(name -> basePackage + "." + name + "..")
        .toArray(String[]::new);
  }
}
