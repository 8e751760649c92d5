package com.caskr.sync.mapping.admin;

import com.caskr.sync.mapping.conflictqueue.ResolutionRefused;
import com.caskr.sync.mapping.fieldmap.InvalidMappingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Refusals as RFC 9457 problem details with a message saying what to fix. Access refusals are left
 * to Spring Security (401/403).
 */
@RestControllerAdvice(basePackageClasses = AdminErrors.class)
class AdminErrors {

  @ExceptionHandler({BadRequest.class, InvalidMappingException.class})
  ProblemDetail badRequest(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.BAD_REQUEST, "parameter " + e.getName() + " has the wrong type");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ProblemDetail missingParameter(MissingServletRequestParameterException e) {
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.BAD_REQUEST, "parameter " + e.getParameterName() + " is required");
  }

  @ExceptionHandler(NotFound.class)
  ProblemDetail notFound(NotFound e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(WrongState.class)
  ProblemDetail wrongState(WrongState e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(ResolutionRefused.class)
  ProblemDetail refused(ResolutionRefused e) {
    HttpStatus status =
        switch (e.reason()) {
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case NOT_PENDING, ROW_GONE -> HttpStatus.CONFLICT;
          case INVALID_VALUE -> HttpStatus.BAD_REQUEST;
        };
    return ProblemDetail.forStatusAndDetail(status, e.getMessage());
  }
}
