package org.ordersystem.reconciliation;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Migrates the reconciliation database (its own schema, {@code reconciliation}) with Flyway. */
public final class ReconciliationSchema {

  /** Where the migrations live; kept apart from other schemas' migrations on the classpath. */
  public static final String LOCATION = "classpath:db/reconciliation/migration";

  /** The database's name beside the others on one MySQL server. */
  public static final String DATABASE = "reconciliation";

  private ReconciliationSchema() {}

  /** Applies pending migrations; safe to call from every process that starts (workers, API). */
  public static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations(LOCATION).load().migrate();
  }

  /**
   * The URL of the reconciliation database on the server of {@code jdbcUrl} (the URL of another
   * database there, such as {@code orders}), with the same parameters, created when missing.
   */
  public static String urlBeside(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    String params = query < 0 ? "" : jdbcUrl.substring(query + 1);
    int hostStart = base.indexOf("//") + 2;
    int slash = base.indexOf('/', hostStart);
    String server = slash < 0 ? base : base.substring(0, slash);
    String create = "createDatabaseIfNotExist=true";
    if (!params.contains(create)) {
      params = params.isEmpty() ? create : params + "&" + create;
    }
    return server + "/" + DATABASE + "?" + params;
  }
}
