package org.ordersystem.api.config;

import javax.sql.DataSource;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.readmodel.ReadModelSchema;
import org.ordersystem.readmodel.RestIdempotencyKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The order read model and the REST idempotency keys, on Boot's DataSource. */
@Configuration(proxyBeanMethods = false)
public class ReadModelConfig {

  /**
   * Applies the orders schema before the API serves anything; the workers run the same migration,
   * and Flyway's lock makes concurrent starts safe.
   */
  @Bean
  ReadModelMigration readModelMigration(DataSource dataSource) {
    return new ReadModelMigration(dataSource);
  }

  @Bean
  OrderReadModel orderReadModel(DataSource dataSource, ReadModelMigration migrated) {
    return new OrderReadModel(dataSource);
  }

  @Bean
  RestIdempotencyKeys restIdempotencyKeys(DataSource dataSource, ReadModelMigration migrated) {
    return new RestIdempotencyKeys(dataSource);
  }

  /** Marker bean whose creation runs the migration; tests replace it to start without MySQL. */
  public static class ReadModelMigration {

    public ReadModelMigration(DataSource dataSource) {
      ReadModelSchema.migrate(dataSource);
    }
  }
}
