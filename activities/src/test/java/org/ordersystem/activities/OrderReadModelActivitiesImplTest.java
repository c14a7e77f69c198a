package org.ordersystem.activities;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.embeddeddb.EmbeddedMariaDb;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.readmodel.ReadModelSchema;
import org.ordersystem.readmodel.RefundReadModel;
import org.ordersystem.workflows.activities.OrderReadModelActivities.RecordedOrder;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.ShipmentState;

/**
 * The read-model write tells the workflow what it did, against real MariaDB: a write the model
 * dropped as out of date answers the version the model holds, which a workflow that lost progress
 * must number its end after.
 */
class OrderReadModelActivitiesImplTest {

  private static HikariDataSource dataSource;
  private static OrderReadModelActivitiesImpl activities;

  @BeforeAll
  static void migrate() {
    EmbeddedMariaDb db = EmbeddedMariaDb.shared();
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(db.jdbcUrl("activities_readmodel_test"));
    dataSource.setUsername(db.user());
    dataSource.setPassword(db.password());
    ReadModelSchema.migrate(dataSource);
    activities =
        new OrderReadModelActivitiesImpl(
            new OrderReadModel(dataSource), new RefundReadModel(dataSource));
  }

  @AfterAll
  static void closePool() {
    dataSource.close();
  }

  @Test
  void shouldAnswerTheStoredVersionWhenAWriteIsOutOfDate() {
    String orderId = UUID.randomUUID().toString();

    assertThat(activities.recordOrder(order(orderId, OrderStatus.CREATING, 1)))
        .isEqualTo(new RecordedOrder(true, 1));
    assertThat(activities.recordOrder(order(orderId, OrderStatus.COMPLETED, 6)))
        .isEqualTo(new RecordedOrder(true, 6));
    // A run that lost the progress behind version 6 numbers its writes again from 3.
    assertThat(activities.recordOrder(order(orderId, OrderStatus.CANCELLED, 3)))
        .isEqualTo(new RecordedOrder(false, 6));
    // The same version again, as a retried write of one that landed: not applied either.
    assertThat(activities.recordOrder(order(orderId, OrderStatus.COMPLETED, 6)))
        .isEqualTo(new RecordedOrder(false, 6));
    assertThat(activities.recordOrder(order(orderId, OrderStatus.CANCELLED, 7)))
        .isEqualTo(new RecordedOrder(true, 7));
  }

  private static OrderView order(String orderId, OrderStatus status, long version) {
    Instant at = Instant.parse("2026-12-07T00:00:00Z");
    return new OrderView(
        orderId,
        "shop-a",
        "cust-1",
        status,
        OrderStep.RESERVE_STOCK,
        List.of(),
        1_200,
        null,
        null,
        List.of(new OrderLine("MUG-BLUE", 1, 1_200)),
        List.of(),
        null,
        version,
        at,
        at.plusSeconds(version),
        ShipmentState.NONE,
        0);
  }
}
