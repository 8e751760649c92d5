package com.caskr.sync.emulator.rest;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One composite subrequest as the servlet API sees it: a request with its own method, URL, headers,
 * body and attributes over the composite call's connection, and a response that is only captured,
 * so the subrequest can go through Spring's dispatcher (and every REST controller) unchanged.
 */
final class Subrequest {

  private Subrequest() {}

  static final class Request extends HttpServletRequestWrapper {

    private final String method;
    private final String uri;
    private final String query;
    private final byte[] body;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, String[]> parameters = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new HashMap<>();

    Request(
        HttpServletRequest outer,
        String method,
        String path,
        String query,
        byte[] body,
        Map<String, String> subHeaders,
        Map<String, Object> subAttributes) {
      super(outer);
      this.method = method;
      this.uri = outer.getContextPath() + path;
      this.query = query;
      this.body = body;
      headers.put("Authorization", list(outer.getHeader("Authorization")));
      headers.put("Sforce-Call-Options", list(outer.getHeader("Sforce-Call-Options")));
      headers.values().removeIf(List::isEmpty);
      if (body.length > 0) {
        headers.put("Content-Type", List.of("application/json"));
      }
      subHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
      attributes.putAll(subAttributes);
      if (query != null) {
        var multi = new LinkedHashMap<String, List<String>>();
        for (String pair : query.split("&")) {
          if (pair.isEmpty()) {
            continue;
          }
          int eq = pair.indexOf('=');
          String name = decode(eq < 0 ? pair : pair.substring(0, eq));
          String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
          multi.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        multi.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
      }
    }

    private static List<String> list(String value) {
      return value == null ? List.of() : List.of(value);
    }

    private static String decode(String value) {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String getMethod() {
      return method;
    }

    @Override
    public String getRequestURI() {
      return uri;
    }

    @Override
    public StringBuffer getRequestURL() {
      StringBuffer url = new StringBuffer();
      url.append(getScheme()).append("://").append(getServerName()).append(':');
      url.append(getServerPort()).append(uri);
      return url;
    }

    @Override
    public String getServletPath() {
      return uri.substring(getContextPath().length());
    }

    @Override
    public String getPathInfo() {
      return null;
    }

    @Override
    public String getQueryString() {
      return query;
    }

    @Override
    public String getParameter(String name) {
      String[] values = parameters.get(name);
      return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
      return parameters.get(name);
    }

    @Override
    public String getHeader(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.getFirst();
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return Collections.enumeration(headers.getOrDefault(name, List.of()));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      return Collections.enumeration(headers.keySet());
    }

    @Override
    public long getDateHeader(String name) {
      String value = getHeader(name);
      if (value == null) {
        return -1;
      }
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant()
          .toEpochMilli();
    }

    @Override
    public int getIntHeader(String name) {
      String value = getHeader(name);
      return value == null ? -1 : Integer.parseInt(value);
    }

    @Override
    public String getContentType() {
      return getHeader("Content-Type");
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public String getCharacterEncoding() {
      return StandardCharsets.UTF_8.name();
    }

    @Override
    public ServletInputStream getInputStream() {
      var in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("Subrequests are read synchronously");
        }

        @Override
        public int read() {
          return in.read();
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(
          new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }

    @Override
    public Object getAttribute(String name) {
      return attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
      return Collections.enumeration(new ArrayList<>(attributes.keySet()));
    }

    @Override
    public void setAttribute(String name, Object value) {
      if (value == null) {
        attributes.remove(name);
      } else {
        attributes.put(name, value);
      }
    }

    @Override
    public void removeAttribute(String name) {
      attributes.remove(name);
    }
  }

  static final class Response extends HttpServletResponseWrapper {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private int status = 200;
    private String contentType;
    private PrintWriter writer;

    Response(HttpServletResponse outer) {
      super(outer);
    }

    byte[] body() {
      if (writer != null) {
        writer.flush();
      }
      return out.toByteArray();
    }

    Map<String, List<String>> headerMap() {
      return headers;
    }

    @Override
    public int getStatus() {
      return status;
    }

    @Override
    public void setStatus(int sc) {
      status = sc;
    }

    @Override
    public void sendError(int sc) {
      status = sc;
    }

    @Override
    public void sendError(int sc, String msg) {
      status = sc;
    }

    @Override
    public void sendRedirect(String location) {
      status = 302;
      setHeader("Location", location);
    }

    @Override
    public void setHeader(String name, String value) {
      if (value == null) {
        headers.remove(name);
      } else {
        headers.put(name, new ArrayList<>(List.of(value)));
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (value != null) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }

    @Override
    public void setDateHeader(String name, long date) {
      setHeader(name, Long.toString(date));
    }

    @Override
    public void addDateHeader(String name, long date) {
      addHeader(name, Long.toString(date));
    }

    @Override
    public void setIntHeader(String name, int value) {
      setHeader(name, Integer.toString(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
      addHeader(name, Integer.toString(value));
    }

    @Override
    public boolean containsHeader(String name) {
      return headers.containsKey(name);
    }

    @Override
    public String getHeader(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.getFirst();
    }

    @Override
    public Collection<String> getHeaders(String name) {
      return List.copyOf(headers.getOrDefault(name, List.of()));
    }

    @Override
    public Collection<String> getHeaderNames() {
      return List.copyOf(headers.keySet());
    }

    @Override
    public void setContentType(String type) {
      contentType = type;
    }

    @Override
    public String getContentType() {
      return contentType;
    }

    @Override
    public void setCharacterEncoding(String charset) {
      // Captured bytes are always UTF-8.
    }

    @Override
    public String getCharacterEncoding() {
      return StandardCharsets.UTF_8.name();
    }

    @Override
    public void setContentLength(int len) {
      // Composite subrequest results carry no Content-Length.
    }

    @Override
    public void setContentLengthLong(long len) {
      // Composite subrequest results carry no Content-Length.
    }

    @Override
    public ServletOutputStream getOutputStream() {
      return new ServletOutputStream() {
        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
          throw new UnsupportedOperationException("Subrequests are written synchronously");
        }

        @Override
        public void write(int b) {
          out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          out.write(b, off, len);
        }
      };
    }

    @Override
    public PrintWriter getWriter() {
      if (writer == null) {
        writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      }
      return writer;
    }

    @Override
    public void flushBuffer() {
      if (writer != null) {
        writer.flush();
      }
    }

    @Override
    public boolean isCommitted() {
      return false;
    }

    @Override
    public void reset() {
      out.reset();
      headers.clear();
      status = 200;
    }

    @Override
    public void resetBuffer() {
      out.reset();
    }
  }
}
