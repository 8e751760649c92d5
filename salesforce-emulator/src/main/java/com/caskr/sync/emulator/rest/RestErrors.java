package com.caskr.sync.emulator.rest;

import com.caskr.sync.emulator.org.RequestRejected;
import com.caskr.sync.emulator.soql.SoqlException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every refusal of the REST data API as Salesforce words it: an array of errorCode objects. */
@RestControllerAdvice(basePackageClasses = RestErrors.class)
class RestErrors {

  @ExceptionHandler
  ResponseEntity<String> failure(RestFailure failure) {
    return Replies.json(failure.status(), failure.body());
  }

  @ExceptionHandler
  ResponseEntity<String> rejected(RequestRejected rejected) {
    return failure(RestFailure.of(rejected));
  }

  @ExceptionHandler
  ResponseEntity<String> soql(SoqlException e) {
    return failure(RestFailure.of(e));
  }

  @ExceptionHandler
  ResponseEntity<String> missingParameter(MissingServletRequestParameterException e) {
    return failure(
        RestFailure.badRequest(
            "MISSING_ARGUMENT", "Missing required parameter: " + e.getParameterName()));
  }

  @ExceptionHandler
  ResponseEntity<String> method(HttpRequestMethodNotSupportedException e) {
    return failure(
        RestFailure.of(
            405,
            "METHOD_NOT_ALLOWED",
            "HTTP Method '"
                + e.getMethod()
                + "' not allowed. Allowed are "
                + e.getSupportedHttpMethods()));
  }
}
