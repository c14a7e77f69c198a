package org.ordersystem.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.StatusRuntimeException;
import io.temporal.failure.ApplicationFailure;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ordersystem.services.common.FailureReason;
import org.ordersystem.workflows.FailureType;

/**
 * Every reason a service can give reaches the workflows as what they expect of it: a business
 * answer typed as its {@link FailureType}, a transient failure that is retried, or a refusal no
 * step expects, which makes the order PENDING with that reason for an operator. A new reason fails
 * here until it is put in one of the three.
 */
class ServiceReasonsTest {

  /**
   * Refusals no workflow step takes as an answer: each means a broken assumption (a record that
   * vanished, a sale that already happened, a provider record that disagrees), so the order waits
   * PENDING with the reason until an operator looks.
   */
  private static final Set<FailureReason> FOR_AN_OPERATOR =
      Set.of(
          FailureReason.UNKNOWN_RESERVATION,
          FailureReason.UNKNOWN_SHIPMENT,
          FailureReason.UNKNOWN_PAYMENT,
          FailureReason.ALREADY_COMMITTED,
          FailureReason.AMOUNT_EXCEEDED,
          FailureReason.UNKNOWN_AUTHORIZATION,
          FailureReason.PROVIDER_RECORD_MISMATCH);

  @ParameterizedTest
  @EnumSource(FailureReason.class)
  void shouldReachTheWorkflowsAsAnAnswerARetryOrAnOperatorsCase(FailureReason reason) {
    StatusRuntimeException refusal = reason.exception("detail for people");

    ApplicationFailure failure = GrpcFailures.toFailure("Call", refusal);

    if (failure.isNonRetryable()) {
      assertThat(failure.getType()).isEqualTo(reason.name());
      assertThat(failure.getOriginalMessage()).isEqualTo("detail for people");
      assertThat(FailureType.isBusiness(reason.name()) || FOR_AN_OPERATOR.contains(reason))
          .as("%s is a FailureType, or a case for an operator", reason)
          .isTrue();
    } else {
      assertThat(failure.getType()).isEqualTo(GrpcFailures.TRANSIENT);
      assertThat(FailureType.isBusiness(failure.getType())).isFalse();
    }
    assertThat(FailureType.isBusiness(reason.name()) && FOR_AN_OPERATOR.contains(reason))
        .as("%s is one or the other", reason)
        .isFalse();
  }
}
