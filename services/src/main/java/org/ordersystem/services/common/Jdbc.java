package org.ordersystem.services.common;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import javax.sql.DataSource;

/** JDBC helpers shared by the services: reads, and how SQL errors become gRPC statuses. */
public final class Jdbc {

  private static final int ER_DUP_ENTRY = 1062;
  private static final int ER_LOCK_WAIT_TIMEOUT = 1205;
  private static final int ER_LOCK_DEADLOCK = 1213;

  private Jdbc() {}

  /** Runs a read on a connection in auto-commit mode: each statement sees committed data. */
  public static <T> T read(DataSource dataSource, SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw toStatus(e);
    }
  }

  /**
   * Runs {@code work} in one transaction and commits it; any failure rolls it back. For mutations
   * that are idempotent by their own nature and carry no key (a state machine asked to move to a
   * state it may be in already).
   */
  public static <T> T transaction(DataSource dataSource, SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw toStatus(e);
    }
  }

  /** Whether an insert hit a primary or unique key that another transaction committed first. */
  public static boolean isDuplicateKey(SQLException e) {
    return e.getErrorCode() == ER_DUP_ENTRY;
  }

  /**
   * Whether the transaction lost a race it can win by running again from the start: a deadlock
   * victim, or an insert that met a row a concurrent transaction created after we looked.
   */
  static boolean isRaceLost(SQLException e) {
    return e.getErrorCode() == ER_LOCK_DEADLOCK
        || "40001".equals(e.getSQLState())
        || isDuplicateKey(e);
  }

  /**
   * Maps a SQL error to a status. Lost connections, timeouts and lock waits are UNAVAILABLE so that
   * callers retry; anything else is a defect here and INTERNAL.
   */
  public static StatusRuntimeException toStatus(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    boolean transientError =
        e instanceof SQLTransientException
            || e instanceof SQLRecoverableException
            || e instanceof SQLNonTransientConnectionException
            || state.startsWith("08")
            || e.getErrorCode() == ER_LOCK_WAIT_TIMEOUT
            || isRaceLost(e);
    Status status = transientError ? Status.UNAVAILABLE : Status.INTERNAL;
    return status
        .withDescription("DATABASE_ERROR: " + e.getMessage())
        .withCause(e)
        .asRuntimeException();
  }
}
