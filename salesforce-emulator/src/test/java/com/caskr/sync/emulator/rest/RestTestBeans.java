package com.caskr.sync.emulator.rest;

import com.caskr.sync.emulator.TestBeans;
import com.caskr.sync.emulator.org.Field;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.seed.DemoDistillery;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;

/** The shared {@link TestBeans} for the REST tests, with their demo org. */
@TestConfiguration(proxyBeanMethods = false)
class RestTestBeans extends TestBeans {

  /** An org with the demo schema plus external ids: Caskr_Id__c (unique), Legacy_Ref__c (not). */
  static Org demoOrg(Orgs orgs, long dailyApiAllocation, boolean seeded) {
    var schema =
        DemoDistillery.schema()
            .withField("Account", Field.customText("Caskr_Id__c", 40, true, true))
            .withField("Account", Field.customText("Legacy_Ref__c", 40, true, false));
    Org org =
        orgs.create(
            Orgs.Definition.named(
                    "REST test " + UUID.randomUUID(), DemoDistillery.users().getFirst())
                .withUsers(DemoDistillery.users())
                .withSchema(schema)
                .withDailyApiAllocation(dailyApiAllocation));
    if (seeded) {
      DemoDistillery.seed(org);
    }
    return org;
  }
}
