package org.ordersystem.api.config;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.ordersystem.api.refunds.RefundRecords;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.readmodel.ReadModelSchema;
import org.ordersystem.readmodel.RefundReadModel;
import org.ordersystem.readmodel.RestIdempotencyKeys;
import org.ordersystem.tracing.Tracing;
import org.ordersystem.workflows.model.RefundView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order and refund read models and the REST idempotency keys, on Boot's DataSource, with a span
 * per statement.
 */
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
  OrderReadModel orderReadModel(
      DataSource dataSource, Tracing tracing, ReadModelMigration migrated) {
    return new OrderReadModel(tracing.jdbc(dataSource));
  }

  @Bean
  RestIdempotencyKeys restIdempotencyKeys(
      DataSource dataSource, Tracing tracing, ReadModelMigration migrated) {
    return new RestIdempotencyKeys(tracing.jdbc(dataSource));
  }

  /** Refunds from the read model, so they stay readable after an order's workflow has closed. */
  @Bean
  RefundRecords refundRecords(DataSource dataSource, Tracing tracing, ReadModelMigration migrated) {
    RefundReadModel refunds = new RefundReadModel(tracing.jdbc(dataSource));
    return new RefundRecords() {
      @Override
      public List<RefundView> list(String orderId) {
        return refunds.list(orderId);
      }

      @Override
      public Optional<RefundView> find(String orderId, String refundId) {
        return refunds.find(orderId, refundId);
      }
    };
  }

  /** Marker bean whose creation runs the migration; tests replace it to start without MySQL. */
  public static class ReadModelMigration {

    public ReadModelMigration(DataSource dataSource) {
      ReadModelSchema.migrate(dataSource);
    }
  }
}
