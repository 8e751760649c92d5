package com.caskr.sync.emulator.bulk;

import com.caskr.sync.emulator.TestBeans;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.seed.DemoDistillery;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;

/** The shared {@link TestBeans} for the Bulk tests, with their demo org. */
@TestConfiguration(proxyBeanMethods = false)
class BulkTestBeans extends TestBeans {

  static Org demoOrg(Orgs orgs, long dailyApiAllocation) {
    return orgs.create(
        Orgs.Definition.named("Bulk test " + UUID.randomUUID(), DemoDistillery.users().getFirst())
            .withUsers(DemoDistillery.users())
            .withSchema(DemoDistillery.schema())
            .withDailyApiAllocation(dailyApiAllocation));
  }
}
