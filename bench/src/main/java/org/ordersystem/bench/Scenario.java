package org.ordersystem.bench;

/** One way of placing orders that the benchmark drives: through REST, the ceiling, the baseline. */
public interface Scenario extends AutoCloseable {

  /** Short name used in results: {@code order}, {@code ceiling}, {@code baseline}. */
  String name();

  /**
   * Places order {@code id} without blocking the caller (the arrival schedule must never wait on
   * the system), and reports its acceptance and end to {@code tracker}.
   */
  void start(String id, OrderTracker tracker);

  /**
   * Whether the scenario's entry sheds load it cannot take (429 with Retry-After), which the
   * overload step checks. Only the REST API does; the ceiling and the baseline take every order.
   */
  default boolean sheds() {
    return false;
  }

  @Override
  void close() throws Exception;
}
