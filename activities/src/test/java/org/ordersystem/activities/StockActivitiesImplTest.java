package org.ordersystem.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ordersystem.proto.ServiceErrors;
import org.ordersystem.proto.stock.v1.RestockLinesRequest;
import org.ordersystem.proto.stock.v1.RestockLinesResponse;
import org.ordersystem.proto.stock.v1.StockLine;
import org.ordersystem.workflows.FailureType;
import org.ordersystem.workflows.activities.StockActivities;
import org.ordersystem.workflows.activities.StockActivities.RestockLinesInput;
import org.ordersystem.workflows.activities.StockActivities.Restocked;
import org.ordersystem.workflows.model.RefundLine;

/** Restocking a refund's lines against an in-process stock service. */
class StockActivitiesImplTest {

  private static final String ORDER_ID = "ord-7";
  private static final RestockLinesInput RESTOCK =
      new RestockLinesInput(
          "ref-9:restock", ORDER_ID, List.of(new RefundLine("MUG", 2), new RefundLine("TEA", 1)));

  private FakeStockService service;
  private StockActivities activities;

  @BeforeEach
  void start() throws Exception {
    service = new FakeStockService();
    activities = new StockActivitiesImpl(service.clients(Duration.ofMillis(500)));
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
  }

  @Test
  void shouldRestockTheLinesOfTheOrdersReservationUnderTheRefundsKey() {
    service.restocked =
        RestockLinesResponse.newBuilder()
            .setReservationId(ORDER_ID)
            .addRestocked(StockLine.newBuilder().setSku("MUG").setQuantity(3))
            .addRestocked(StockLine.newBuilder().setSku("TEA").setQuantity(1))
            .build();

    Restocked restocked = activities.restockLines(RESTOCK);

    assertThat(restocked.restocked())
        .containsExactly(new RefundLine("MUG", 3), new RefundLine("TEA", 1));
    assertThat(service.requests)
        .containsExactly(
            RestockLinesRequest.newBuilder()
                .setIdempotencyKey("ref-9:restock")
                .setReservationId(ORDER_ID)
                .addLines(StockLine.newBuilder().setSku("MUG").setQuantity(2))
                .addLines(StockLine.newBuilder().setSku("TEA").setQuantity(1))
                .build());
  }

  @ParameterizedTest
  @EnumSource(
      value = FailureType.class,
      names = {"RESTOCK_EXCEEDED", "NOT_COMMITTED", "IDEMPOTENCY_CONFLICT"})
  void shouldTurnARefusalIntoANonRetryableFailureTypedByItsReason(FailureType reason) {
    service.failWith =
        ServiceErrors.error(
            Status.Code.FAILED_PRECONDITION, reason.name(), "reservation " + ORDER_ID);

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> activities.restockLines(RESTOCK));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(reason.name());
    assertThat(failure.getOriginalMessage()).isEqualTo("reservation " + ORDER_ID);
  }

  @Test
  void shouldRetryWhenTheStockServiceIsUnavailable() {
    service.failWith =
        Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException();

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> activities.restockLines(RESTOCK));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(GrpcFailures.TRANSIENT);
  }
}
