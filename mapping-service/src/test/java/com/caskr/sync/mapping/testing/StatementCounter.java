package com.caskr.sync.mapping.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Records the statements (and counts the commits) the calling thread sends through the
 * application's {@link DataSource} while {@link #count} runs: each is a round trip to PostgreSQL,
 * the cost the batch path keeps per batch rather than per change (ADR 0021). Other threads
 * (listeners, the outbox relay) are not counted. Register it as a bean; it wraps the DataSource
 * bean.
 */
public final class StatementCounter implements BeanPostProcessor {

  /**
   * What one counted call sent.
   *
   * @param statements the SQL of each statement, in order
   */
  public record Counted<T>(T result, List<String> statements, int commits) {}

  /** The SQL and the commits of the thread being counted. */
  private record Sent(List<String> statements, int[] commits) {}

  private final ThreadLocal<Sent> counting = new ThreadLocal<>();

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource dataSource) {
      return proxy(DataSource.class, dataSource);
    }
    return bean;
  }

  /** Runs {@code work} on this thread and records what it sent. */
  public <T> Counted<T> count(Supplier<T> work) {
    Sent sent = new Sent(new ArrayList<>(), new int[1]);
    counting.set(sent);
    try {
      T result = work.get();
      return new Counted<>(result, List.copyOf(sent.statements()), sent.commits()[0]);
    } finally {
      counting.remove();
    }
  }

  private <T> T proxy(Class<T> type, T target) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              Object result = invoke(method, target, args);
              Sent sent = counting.get();
              if (sent != null) {
                switch (method.getName()) {
                  case "prepareStatement", "prepareCall" -> sent.statements().add((String) args[0]);
                  case "createStatement" -> sent.statements().add("(statement)");
                  case "commit" -> sent.commits()[0]++;
                  default -> {
                    // not a round trip of its own
                  }
                }
              }
              if (result instanceof Connection connection
                  && method.getName().equals("getConnection")) {
                return proxy(Connection.class, connection);
              }
              return result;
            }));
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
