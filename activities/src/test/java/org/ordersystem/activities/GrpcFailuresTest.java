package org.ordersystem.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.ServiceErrors;

class GrpcFailuresTest {

  @Test
  void shouldMakeBusinessAnswersNonRetryableWithTheServiceReasonAsType() {
    ApplicationFailure failure =
        GrpcFailures.toFailure(
            "ReserveStock",
            ServiceErrors.error(
                Status.Code.FAILED_PRECONDITION,
                "OUT_OF_STOCK",
                "sku MUG has 3 available, 5 requested"));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo("OUT_OF_STOCK");
    assertThat(failure.getOriginalMessage()).isEqualTo("sku MUG has 3 available, 5 requested");
  }

  @Test
  void shouldNeverReadAReasonOutOfTheMessage() {
    ApplicationFailure failure =
        GrpcFailures.toFailure(
            "ReserveStock",
            Status.FAILED_PRECONDITION
                .withDescription("OUT_OF_STOCK: looks like one")
                .asRuntimeException());

    assertThat(failure.getType()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void shouldTypeAnUnexplainedRefusalAsInvalidRequest() {
    ApplicationFailure failure =
        GrpcFailures.toFailure(
            "CreateShipment", Status.INVALID_ARGUMENT.withDescription("bad").asRuntimeException());

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void shouldRetryUnavailableAndDeadlineExceeded() {
    for (Status status : new Status[] {Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED}) {
      ApplicationFailure failure =
          GrpcFailures.toFailure("CaptureLeg", status.withDescription("x").asRuntimeException());

      assertThat(failure.isNonRetryable()).isFalse();
      assertThat(failure.getType()).isEqualTo(GrpcFailures.TRANSIENT);
    }
  }
}
