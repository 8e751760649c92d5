package com.caskr.sync.emulator.pubsub;

import com.caskr.sync.emulator.TestBeans;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.seed.DemoDistillery;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;

/** The shared {@link TestBeans} for the Pub/Sub tests, with their demo org. */
@TestConfiguration(proxyBeanMethods = false)
class PubSubTestBeans extends TestBeans {

  static Org demoOrg(Orgs orgs) {
    return orgs.create(
        Orgs.Definition.named(
                "Pub/Sub test " + UUID.randomUUID(), DemoDistillery.users().getFirst())
            .withUsers(DemoDistillery.users())
            .withSchema(DemoDistillery.schema()));
  }
}
