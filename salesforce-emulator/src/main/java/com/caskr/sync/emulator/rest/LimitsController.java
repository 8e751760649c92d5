package com.caskr.sync.emulator.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /limits: the daily API allocation as counted, the Bulk 2.0 query jobs as counted, file
 * storage at its full size.
 */
@RestController
class LimitsController {

  @GetMapping({"/services/data/{version}/limits", "/services/data/{version}/limits/"})
  ResponseEntity<String> limits(@RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call) {
    var usage = call.org().apiUsage();
    long max = usage.max();
    long used = usage.used();
    var body = new LinkedHashMap<String, Object>();
    body.put("DailyApiRequests", limit(max, Math.max(0, max - used)));
    body.put("DailyBulkV2QueryFileStorageMB", limit(976_562, 976_562));
    var jobs = call.org().bulkQueryJobs();
    body.put("DailyBulkV2QueryJobs", limit(jobs.max(), Math.max(0, jobs.max() - jobs.used())));
    return Replies.json(200, body);
  }

  private static Map<String, Object> limit(long max, long remaining) {
    var limit = new LinkedHashMap<String, Object>();
    limit.put("Max", max);
    limit.put("Remaining", remaining);
    return limit;
  }
}
