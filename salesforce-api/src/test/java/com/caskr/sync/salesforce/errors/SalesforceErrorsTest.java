package com.caskr.sync.salesforce.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SalesforceErrorsTest {

  @Test
  void mapsSingleRecordErrorArraysToTypedExceptions() {
    assertThat(
            SalesforceErrors.of(
                401,
                "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"))
        .isInstanceOf(SessionExpired.class);
    SalesforceException limit =
        SalesforceErrors.of(
            403,
            "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
    assertThat(limit).isInstanceOf(RequestLimitExceeded.class);
    assertThat(limit.retryable()).isFalse();
    assertThat(
            SalesforceErrors.of(400, "[{\"message\":\"x\",\"errorCode\":\"UNABLE_TO_LOCK_ROW\"}]"))
        .isInstanceOf(RowLocked.class)
        .matches(SalesforceException::retryable);
    assertThat(
            SalesforceErrors.of(404, "[{\"message\":\"x\",\"errorCode\":\"ENTITY_IS_DELETED\"}]"))
        .isInstanceOf(EntityDeleted.class);
    assertThat(SalesforceErrors.of(400, "[{\"message\":\"x\",\"errorCode\":\"DUPLICATE_VALUE\"}]"))
        .isInstanceOf(DuplicateValue.class)
        .matches(SalesforceException::retryable);
    assertThat(SalesforceErrors.of(400, "[{\"message\":\"x\",\"errorCode\":\"MALFORMED_QUERY\"}]"))
        .isInstanceOf(MalformedQuery.class);
    assertThat(
            SalesforceErrors.of(
                400, "[{\"message\":\"x\",\"errorCode\":\"INVALID_QUERY_LOCATOR\"}]"))
        .isInstanceOf(InvalidQueryLocator.class);
    assertThat(SalesforceErrors.of(404, "[{\"message\":\"x\",\"errorCode\":\"NOT_FOUND\"}]"))
        .isInstanceOf(NotFound.class);
    assertThat(SalesforceErrors.of(503, "<html>down</html>"))
        .isInstanceOf(ServiceUnavailable.class)
        .matches(SalesforceException::retryable);
    SalesforceException other =
        SalesforceErrors.of(409, "[{\"message\":\"m\",\"errorCode\":\"X\"}]");
    assertThat(other).isInstanceOf(SalesforceApiError.class);
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.errorCode()).isEqualTo("X");
  }

  @Test
  void validationErrorsCarryTheirFields() {
    SalesforceException e =
        SalesforceErrors.of(
            400,
            "[{\"message\":\"Required fields are missing: [Name]\",\"errorCode\":\"REQUIRED_FIELD_MISSING\","
                + "\"fields\":[\"Name\"]},{\"message\":\"too long\",\"errorCode\":\"STRING_TOO_LONG\","
                + "\"fields\":[\"Phone\",\"Name\"]}]");
    assertThat(e).isInstanceOf(ValidationFailed.class);
    assertThat(((ValidationFailed) e).fields()).containsExactly("Name", "Phone");
    assertThat(e.errors()).hasSize(2);
    assertThat(e.getMessage()).contains("REQUIRED_FIELD_MISSING").contains("STRING_TOO_LONG");
  }

  @Test
  void readsCollectionRowErrorsByStatusCode() {
    var errors =
        SalesforceErrors.parse(
            "[{\"statusCode\":\"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST\",\"message\":\"bad value\","
                + "\"fields\":[\"Industry\"]}]");
    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.code()).isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
              assertThat(e.fields()).containsExactly("Industry");
            });
    assertThat(SalesforceErrors.ofRow(errors)).isInstanceOf(ValidationFailed.class);
  }
}
