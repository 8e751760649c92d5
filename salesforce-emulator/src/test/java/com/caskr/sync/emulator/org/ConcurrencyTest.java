package com.caskr.sync.emulator.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

  @Test
  void concurrentWritersAndReadersNeitherLoseRecordsNorSeeHalfWrites() throws Exception {
    var sales = new Sales();
    var failures = new ConcurrentLinkedQueue<Throwable>();
    var done = new AtomicBoolean();
    var start = new CountDownLatch(1);
    var threads = new ArrayList<Thread>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      start.await();
                      for (int i = 0; i < 500; i++) {
                        sales.org.create(
                            "Account",
                            Map.of(
                                "Name",
                                "W" + writer + "-" + i,
                                "Caskr_Customer_Id__c",
                                "C-" + writer + "-" + i),
                            sales.admin);
                      }
                    } catch (Throwable t) {
                      failures.add(t);
                    }
                  }));
    }
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    start.await();
                    while (!done.get()) {
                      sales
                          .org
                          .rows("Account", false)
                          .forEach(r -> assertThat(r).containsKeys("Id", "Name", "SystemModstamp"));
                    }
                  } catch (Throwable t) {
                    failures.add(t);
                  }
                });
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    done.set(true);
    reader.join();

    assertThat(failures).isEmpty();
    assertThat(sales.org.count("Account", false)).isEqualTo(2000);
  }
}
