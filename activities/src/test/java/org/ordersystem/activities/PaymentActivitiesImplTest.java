package org.ordersystem.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.ordersystem.proto.payment.v1.LegState.LEG_STATE_AUTHORIZED;
import static org.ordersystem.proto.payment.v1.LegState.LEG_STATE_CAPTURED;
import static org.ordersystem.proto.payment.v1.SourceType.SOURCE_TYPE_CARD;
import static org.ordersystem.proto.payment.v1.SourceType.SOURCE_TYPE_POINTS;

import io.grpc.Status;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ordersystem.proto.ServiceErrors;
import org.ordersystem.proto.payment.v1.AuthorizeLegRequest;
import org.ordersystem.proto.payment.v1.GetPaymentRequest;
import org.ordersystem.proto.payment.v1.GetPaymentResponse;
import org.ordersystem.proto.payment.v1.Leg;
import org.ordersystem.proto.payment.v1.RefundLegRequest;
import org.ordersystem.workflows.FailureType;
import org.ordersystem.workflows.activities.PaymentActivities;
import org.ordersystem.workflows.activities.PaymentActivities.AuthorizeLegInput;
import org.ordersystem.workflows.activities.PaymentActivities.LegRef;
import org.ordersystem.workflows.activities.PaymentActivities.LegRefunded;
import org.ordersystem.workflows.activities.PaymentActivities.LegStatus;
import org.ordersystem.workflows.activities.PaymentActivities.RefundLegInput;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.SourceType;

/** The payment activities against an in-process payment service: requests, answers, failures. */
class PaymentActivitiesImplTest {

  private static final String ORDER_ID = "ord-7";
  private static final LegRef LEG_2 = new LegRef(ORDER_ID + ":authorize:2", ORDER_ID, "2");
  private static final RefundLegInput REFUND_LEG_2 =
      new RefundLegInput("ref-9:refund:2", ORDER_ID, "2", 1_500);

  private FakePaymentService service;
  private ServiceClients clients;
  private PaymentActivities activities;

  @BeforeEach
  void start() throws Exception {
    service = new FakePaymentService();
    clients = service.clients(Duration.ofMillis(500));
    activities = new PaymentActivitiesImpl(clients);
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
  }

  @Test
  void shouldSendTheCardTokenAndReturnTheProviderAuthorizationForACardLeg() {
    LegStatus status =
        activities.authorizeLeg(authorize(new PaymentSource(SourceType.CARD, 2_500, "tok_ok")));

    assertThat(status)
        .isEqualTo(new LegStatus(LegState.AUTHORIZED, FakePaymentService.PSP_AUTHORIZATION_ID));
    AuthorizeLegRequest sent = (AuthorizeLegRequest) service.requests.get(0);
    assertThat(sent.getIdempotencyKey()).isEqualTo(ORDER_ID + ":authorize:2");
    assertThat(sent.getPaymentId()).isEqualTo(ORDER_ID);
    assertThat(sent.getLegId()).isEqualTo("2");
    assertThat(sent.getCustomerId()).isEqualTo("cust-1");
    assertThat(sent.getSource().getType()).isEqualTo(SOURCE_TYPE_CARD);
    assertThat(sent.getSource().getAmount()).isEqualTo(2_500);
    assertThat(sent.getSource().getCardToken()).isEqualTo("tok_ok");
  }

  @Test
  void shouldSendPointsAsAPointsSourceWithoutACardToken() {
    LegStatus status =
        activities.authorizeLeg(authorize(new PaymentSource(SourceType.POINTS, 800, null)));

    assertThat(status).isEqualTo(new LegStatus(LegState.AUTHORIZED, null));
    AuthorizeLegRequest sent = (AuthorizeLegRequest) service.requests.get(0);
    assertThat(sent.getSource().getType()).isEqualTo(SOURCE_TYPE_POINTS);
    assertThat(sent.getSource().getAmount()).isEqualTo(800);
    assertThat(sent.getSource().getCardToken()).isEmpty();
  }

  /** Each reason the payment service gives, on the call that gives it. */
  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal("AuthorizeLeg", Status.FAILED_PRECONDITION, FailureType.PAYMENT_DECLINED),
        refusal("AuthorizeLeg", Status.FAILED_PRECONDITION, FailureType.ALREADY_CLOSED),
        refusal("AuthorizeLeg", Status.NOT_FOUND, FailureType.UNKNOWN_CUSTOMER),
        refusal("AuthorizeLeg", Status.FAILED_PRECONDITION, FailureType.IDEMPOTENCY_CONFLICT),
        refusal("CaptureLeg", Status.FAILED_PRECONDITION, FailureType.AUTHORIZATION_EXPIRED),
        refusal("CaptureLeg", Status.FAILED_PRECONDITION, FailureType.LEG_NOT_AUTHORIZED),
        refusal("CaptureLeg", Status.FAILED_PRECONDITION, FailureType.ALREADY_CLOSED),
        refusal("VoidLeg", Status.FAILED_PRECONDITION, FailureType.ALREADY_CAPTURED),
        refusal("RefundLeg", Status.FAILED_PRECONDITION, FailureType.REFUND_EXCEEDED),
        refusal("RefundLeg", Status.FAILED_PRECONDITION, FailureType.LEG_NOT_CAPTURED),
        refusal("AuthorizeLeg", Status.INVALID_ARGUMENT, FailureType.INVALID_REQUEST));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("refusals")
  void shouldTurnEachRefusalIntoANonRetryableFailureTypedByItsReason(
      String call, Status status, FailureType reason) {
    service.failWith = ServiceErrors.error(status.getCode(), reason.name(), "leg 2 of " + ORDER_ID);

    ApplicationFailure failure = failureOf(call);

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(reason.name());
    assertThat(failure.getOriginalMessage()).isEqualTo("leg 2 of " + ORDER_ID);
  }

  @Test
  void shouldRetryWhenTheServiceIsUnavailable() {
    service.failWith =
        Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException();

    ApplicationFailure failure = failureOf("CaptureLeg");

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(GrpcFailures.TRANSIENT);
  }

  @Test
  void shouldRetryWhenTheAnswerOutlastsTheDeadline() {
    // Commit-then-timeout as the worker sees it: the service took the request, the answer is late.
    service.delay = Duration.ofSeconds(2);

    ApplicationFailure failure = failureOf("AuthorizeLeg");

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(GrpcFailures.TRANSIENT);
    assertThat(failure.getOriginalMessage()).contains("DEADLINE_EXCEEDED");
    assertThat(service.requests).hasSize(1);
  }

  @Test
  void shouldReadTheLegStateAndProviderAuthorizationFromGetPayment() {
    service.payment =
        payment(leg("1", LEG_STATE_CAPTURED, ""), leg("2", LEG_STATE_AUTHORIZED, "psp-9"));

    assertThat(activities.getLegState(LEG_2))
        .isEqualTo(new LegStatus(LegState.AUTHORIZED, "psp-9"));
    assertThat(service.requests)
        .containsExactly(GetPaymentRequest.newBuilder().setPaymentId(ORDER_ID).build());
  }

  @Test
  void shouldMapEveryLegStateOfTheService() {
    for (var state : org.ordersystem.proto.payment.v1.LegState.values()) {
      if (state == org.ordersystem.proto.payment.v1.LegState.UNRECOGNIZED) {
        continue;
      }
      service.payment = payment(leg("2", state, ""));
      LegState expected =
          switch (state) {
            case LEG_STATE_AUTHORIZED -> LegState.AUTHORIZED;
            case LEG_STATE_CAPTURED -> LegState.CAPTURED;
            case LEG_STATE_VOIDED -> LegState.VOIDED;
            default -> LegState.UNKNOWN;
          };

      assertThat(activities.getLegState(LEG_2).state()).as(state.name()).isEqualTo(expected);
    }
  }

  @Test
  void shouldAnswerNewWhenTheServiceNeverSawTheLegOrThePayment() {
    service.payment = payment(leg("1", LEG_STATE_AUTHORIZED, ""));
    assertThat(activities.getLegState(LEG_2)).isEqualTo(new LegStatus(LegState.NEW, null));

    service.failWith =
        ServiceErrors.error(Status.Code.NOT_FOUND, "UNKNOWN_PAYMENT", "no payment " + ORDER_ID);
    assertThat(activities.getLegState(LEG_2)).isEqualTo(new LegStatus(LegState.NEW, null));
  }

  @Test
  void shouldRefundALegUnderTheRefundsKeyAndReturnWhatTheLegRefundedSoFar() {
    LegRefunded refunded = activities.refundLeg(REFUND_LEG_2);

    assertThat(refunded).isEqualTo(new LegRefunded("2", 1_500));
    assertThat(service.requests)
        .containsExactly(
            RefundLegRequest.newBuilder()
                .setIdempotencyKey("ref-9:refund:2")
                .setPaymentId(ORDER_ID)
                .setLegId("2")
                .setAmount(1_500)
                .build());
  }

  @Test
  void shouldRetryARefundWhileThePaymentServiceIsDown() {
    service.failWith =
        Status.UNAVAILABLE.withDescription("payment service restarting").asRuntimeException();

    ApplicationFailure failure = failureOf("RefundLeg");

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(GrpcFailures.TRANSIENT);
  }

  @Test
  void shouldRetryTheLookUpWhenTheServiceIsUnavailable() {
    service.failWith = Status.UNAVAILABLE.asRuntimeException();

    ApplicationFailure failure = failureOf("GetPayment");

    assertThat(failure.isNonRetryable()).isFalse();
  }

  private ApplicationFailure failureOf(String call) {
    Consumer<PaymentActivities> invoke =
        switch (call) {
          case "AuthorizeLeg" ->
              a -> a.authorizeLeg(authorize(new PaymentSource(SourceType.BALANCE, 100, null)));
          case "CaptureLeg" ->
              a -> a.captureLeg(new LegRef(ORDER_ID + ":capture:2", ORDER_ID, "2"));
          case "VoidLeg" -> a -> a.voidLeg(new LegRef(ORDER_ID + ":void:2", ORDER_ID, "2"));
          case "GetPayment" -> a -> a.getLegState(LEG_2);
          case "RefundLeg" -> a -> a.refundLeg(REFUND_LEG_2);
          default -> throw new IllegalArgumentException(call);
        };
    return catchThrowableOfType(ApplicationFailure.class, () -> invoke.accept(activities));
  }

  private static Arguments refusal(String call, Status status, FailureType reason) {
    return Arguments.of(call, status, reason);
  }

  private static AuthorizeLegInput authorize(PaymentSource source) {
    return new AuthorizeLegInput(ORDER_ID + ":authorize:2", ORDER_ID, "2", "cust-1", source);
  }

  private static GetPaymentResponse payment(Leg... legs) {
    return GetPaymentResponse.newBuilder().setPaymentId(ORDER_ID).addAllLegs(List.of(legs)).build();
  }

  private static Leg leg(
      String legId, org.ordersystem.proto.payment.v1.LegState state, String pspAuthorizationId) {
    return Leg.newBuilder()
        .setLegId(legId)
        .setState(state)
        .setPspAuthorizationId(pspAuthorizationId)
        .build();
  }
}
