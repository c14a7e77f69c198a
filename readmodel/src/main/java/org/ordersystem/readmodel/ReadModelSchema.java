package org.ordersystem.readmodel;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Migrates the orders schema (read model and REST idempotency keys) with Flyway. */
public final class ReadModelSchema {

  /** Where the migrations live; kept apart from other schemas' migrations on the classpath. */
  public static final String LOCATION = "classpath:db/orders/migration";

  private ReadModelSchema() {}

  /** Applies pending migrations; safe to call from every process that starts (workers, API). */
  public static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations(LOCATION).load().migrate();
  }
}
