package com.caskr.sync.emulator.org.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.org.NewUser;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.seed.RecordGenerator.Volume;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecordGeneratorTest {

  private static Org freshOrg() {
    return new Orgs(Clock.systemUTC())
        .create(
            Orgs.Definition.named(
                "Generated", new NewUser("gen@x.example", "Gen", "Erator", "gen@x.example")));
  }

  @Test
  void generatesAccountsWithContactsAndOpportunities() {
    Org org = freshOrg();

    var generated =
        RecordGenerator.generate(
            org, Volume.accounts(50).withContactsPerAccount(2).withOpportunitiesPerAccount(1), 7);

    assertThat(generated).isEqualTo(new RecordGenerator.Generated(50, 100, 50));
    assertThat(org.count("Account", false)).isEqualTo(50);
    assertThat(org.count("Contact", false)).isEqualTo(100);
    assertThat(org.count("Opportunity", false)).isEqualTo(50);
    assertThat(org.rows("Contact", false))
        .allSatisfy(c -> assertThat(c.get("AccountId")).isNotNull());
  }

  @Test
  void seedsAHundredThousandAccountsQuickly() {
    Org org = freshOrg();
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();

    RecordGenerator.generate(org, Volume.accounts(100_000), 42);

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    Duration cpu = Duration.ofNanos(threads.getCurrentThreadCpuTime() - cpuStart);
    System.out.println(
        "Seeded 100,000 accounts in " + took.toMillis() + " ms (" + cpu.toMillis() + " ms CPU)");
    assertThat(org.count("Account", false)).isEqualTo(100_000);
    // The target is < 10 s; the guard is generous because the 2-core machine is shared.
    assertThat(took).isLessThan(Duration.ofSeconds(20));
  }
}
