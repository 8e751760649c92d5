package com.caskr.sync.emulator.bulk;

import com.caskr.sync.emulator.org.Orgs;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Bulk API 2.0 query jobs, behind the REST API's gate (token, allocation, version). */
@Configuration(proxyBeanMethods = false)
class BulkConfiguration {

  @Bean
  QueryJobs queryJobs(Orgs orgs) {
    return new QueryJobs(orgs.clock());
  }
}
