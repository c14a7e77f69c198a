package org.ordersystem.workflows.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.model.LegState;

/** The classes by the money each side says moved, and EXPECTED aging into a mismatch. */
class ClassifierTest {

  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  static final Duration GRACE = Duration.ofMinutes(2);
  static final Instant LATER = T0.plus(Duration.ofMinutes(10));

  @Test
  void shouldAgreeWhenBothSidesMoveTheSameMoney() {
    assertThat(
            classify(
                provider(ProviderState.AUTHORIZED, 500, 0, 0), ours(LegState.AUTHORIZED, 500, 0)))
        .isNull();
    assertThat(
            classify(
                provider(ProviderState.CAPTURED, 500, 500, 100), ours(LegState.CAPTURED, 500, 100)))
        .isNull();
    // A voided leg and an expired hold both hold nothing; so does a barrier and no leg at all.
    assertThat(classify(provider(ProviderState.EXPIRED, 500, 0, 0), ours(LegState.VOIDED, 500, 0)))
        .isNull();
    assertThat(classify(provider(ProviderState.VOIDED, 0, 0, 0), null)).isNull();
    // A charge refunded in full at the provider, of a leg we voided: nothing moved on either side.
    assertThat(
            classify(
                provider(ProviderState.CAPTURED, 500, 500, 500), ours(LegState.VOIDED, 500, 0)))
        .isNull();
  }

  @Test
  void shouldClassifyEachKindOfDisagreement() {
    assertThat(
            classify(
                provider(ProviderState.CAPTURED, 500, 500, 0), ours(LegState.AUTHORIZED, 500, 0)))
        .as("captured there, only authorized here: the timeout-after-success case")
        .isEqualTo(MismatchClass.MISSING_INTERNAL);
    assertThat(classify(provider(ProviderState.AUTHORIZED, 500, 0, 0), null))
        .isEqualTo(MismatchClass.MISSING_INTERNAL);
    assertThat(classify(null, ours(LegState.AUTHORIZED, 500, 0)))
        .isEqualTo(MismatchClass.MISSING_AT_PROVIDER);
    assertThat(
            classify(
                provider(ProviderState.CAPTURED, 500, 500, 200), ours(LegState.CAPTURED, 500, 0)))
        .isEqualTo(MismatchClass.AMOUNT_MISMATCH);
    assertThat(
            classify(
                provider(ProviderState.AUTHORIZED, 400, 0, 0), ours(LegState.AUTHORIZED, 500, 0)))
        .isEqualTo(MismatchClass.AMOUNT_MISMATCH);
    assertThat(
            classify(provider(ProviderState.VOIDED, 500, 0, 0), ours(LegState.AUTHORIZED, 500, 0)))
        .isEqualTo(MismatchClass.STATUS_MISMATCH);
    assertThat(
            classify(
                provider(ProviderState.AUTHORIZED, 500, 0, 0), ours(LegState.CAPTURED, 500, 0)))
        .isEqualTo(MismatchClass.STATUS_MISMATCH);
  }

  @Test
  void shouldCallAYoungOneSidedChangeExpectedUntilItAgesIntoAMismatch() {
    ProviderRecord captured = provider(ProviderState.CAPTURED, 500, 500, 0);
    InternalRecord authorized = ours(LegState.AUTHORIZED, 500, 0);

    assertThat(Classifier.classify(captured, authorized, T0.plusSeconds(30), GRACE))
        .contains(MismatchClass.EXPECTED);
    assertThat(Classifier.classify(captured, authorized, T0.plus(GRACE), GRACE))
        .contains(MismatchClass.MISSING_INTERNAL);
  }

  private static MismatchClass classify(ProviderRecord p, InternalRecord i) {
    return Classifier.classify(p, i, LATER, GRACE).orElse(null);
  }

  static ProviderRecord provider(
      ProviderState state, long authorized, long captured, long refunded) {
    return new ProviderRecord("auth_1", state, authorized, captured, refunded, 1, T0);
  }

  static InternalRecord ours(LegState state, long amount, long refunded) {
    return new InternalRecord(state, amount, refunded, "auth_1", T0);
  }
}
