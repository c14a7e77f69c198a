package org.ordersystem.services.common;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on a connection, inside a transaction the caller owns. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
