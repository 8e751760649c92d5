package com.caskr.sync.emulator.rest;

import com.caskr.sync.emulator.soql.QueryResult;
import com.caskr.sync.emulator.soql.Soql;
import com.caskr.sync.emulator.soql.SoqlQuery;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** query, queryAll and their nextRecordsUrl continuations. */
@RestController
class QueryController {

  private final QueryLocators locators;

  QueryController(QueryLocators locators) {
    this.locators = locators;
  }

  @GetMapping({"/services/data/{version}/query", "/services/data/{version}/query/"})
  ResponseEntity<String> query(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @RequestParam(name = "q", required = false) String q,
      @RequestHeader(name = "Sforce-Query-Options", required = false) String options) {
    return run(call, q, options, false);
  }

  @GetMapping({"/services/data/{version}/queryAll", "/services/data/{version}/queryAll/"})
  ResponseEntity<String> queryAll(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @RequestParam(name = "q", required = false) String q,
      @RequestHeader(name = "Sforce-Query-Options", required = false) String options) {
    return run(call, q, options, true);
  }

  @GetMapping({
    "/services/data/{version}/query/{locator}",
    "/services/data/{version}/queryAll/{locator}"
  })
  ResponseEntity<String> next(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call, @PathVariable String locator) {
    return Replies.json(200, locators.next(call.org().id(), call.apiVersion(), locator).json());
  }

  private ResponseEntity<String> run(ApiCall call, String q, String options, boolean all) {
    if (q == null || q.isBlank()) {
      throw RestFailure.badRequest("MALFORMED_QUERY", "A query string has to be specified");
    }
    SoqlQuery query = Soql.parse(q);
    QueryResult result = query.execute(call.org(), all, call.apiVersion(), call.org().clock());
    if (query.isCount()) {
      return Replies.json(
          200, new QueryLocators.Page(result.totalSize(), true, null, List.of()).json());
    }
    return Replies.json(
        200,
        locators
            .first(
                call.org().id(),
                call.apiVersion(),
                result.totalSize(),
                result.records(),
                QueryLocators.batchHint(options))
            .json());
  }
}
