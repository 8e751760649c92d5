package com.caskr.sync.emulator.rest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Salesforce's cap on a REST call's request line and headers: 16,384 bytes for the URI and headers
 * together. A longer URI alone is 414 URI Too Long, otherwise 431 Request Header Fields Too Large
 * (Salesforce help article 000386264). It is what stops a GET of sObject Collections at about 800
 * ids. Tomcat's own buffer ({@code server.max-http-request-header-size}) is set above the cap, so
 * this filter answers rather than Tomcat's 400. Salesforce documents no body for either status;
 * none is sent.
 */
final class RequestSizeLimit extends OncePerRequestFilter {

  static final int MAX_BYTES = 16_384;

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String query = request.getQueryString();
    int uri = request.getRequestURI().length() + (query == null ? 0 : query.length() + 1);
    if (uri > MAX_BYTES) {
      response.setStatus(414);
      return;
    }
    // Tomcat reads header bytes as ISO-8859-1, so a header's length in chars is its length in
    // bytes.
    int headers = 0;
    for (String name : Collections.list(request.getHeaderNames())) {
      for (String value : Collections.list(request.getHeaders(name))) {
        headers += name.length() + value.length() + 4;
      }
    }
    if (uri + headers > MAX_BYTES) {
      response.setStatus(431);
      return;
    }
    chain.doFilter(request, response);
  }
}
