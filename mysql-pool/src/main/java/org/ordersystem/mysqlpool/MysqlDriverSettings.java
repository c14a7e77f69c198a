package org.ordersystem.mysqlpool;

import com.zaxxer.hikari.HikariConfig;
import java.util.Map;

/**
 * Connector/J settings for every pool, as HikariCP recommends for MySQL: each connection caches its
 * parsed statements instead of re-parsing them on every prepare, and tracks its own session state
 * instead of asking the server, which saves round trips. Statements stay client-side prepared
 * (useServerPrepStmts is off by default): Flyway migrations run through the same pools.
 *
 * <p>useLocalSessionState and elideSetAutoCommits assume session state changes only through the
 * JDBC API (setAutoCommit, setTransactionIsolation), never by SQL such as {@code SET autocommit} or
 * {@code START TRANSACTION}.
 *
 * <p>Used by the services, the workers, the bench and the API's reconciliation pool; the API's Boot
 * pool sets the same list in its application.properties (checked by DataSourceDriverSettingsTest
 * there).
 */
public final class MysqlDriverSettings {

  /** The data source properties {@link #apply} sets. */
  public static final Map<String, String> PROPERTIES =
      Map.of(
          "cachePrepStmts", "true",
          "prepStmtCacheSize", "250",
          "prepStmtCacheSqlLimit", "2048",
          "cacheResultSetMetadata", "true",
          "cacheServerConfiguration", "true",
          "useLocalSessionState", "true",
          "elideSetAutoCommits", "true",
          "maintainTimeStats", "false",
          "rewriteBatchedStatements", "true");

  private MysqlDriverSettings() {}

  /** Adds {@link #PROPERTIES} to {@code config}'s data source properties. */
  public static void apply(HikariConfig config) {
    PROPERTIES.forEach(config::addDataSourceProperty);
  }
}
