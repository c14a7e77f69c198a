package org.ordersystem.services.payment;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.ordersystem.proto.ServiceErrors;
import org.ordersystem.proto.psp.v1.Authorization;
import org.ordersystem.proto.psp.v1.AuthorizeRequest;
import org.ordersystem.proto.psp.v1.CaptureRequest;
import org.ordersystem.proto.psp.v1.PspServiceGrpc;
import org.ordersystem.proto.psp.v1.PspServiceGrpc.PspServiceBlockingStub;
import org.ordersystem.proto.psp.v1.RefundRequest;
import org.ordersystem.proto.psp.v1.VoidRequest;
import org.ordersystem.services.common.FailureReason;
import org.ordersystem.services.common.Requests;

/**
 * The payment provider as CARD legs see it. Every call carries an idempotency key derived from the
 * leg and the operation, never from the caller's key, so any retry of any rpc on the leg (same key
 * or not, after a timeout or a failed local commit) lands on the provider's first outcome.
 *
 * <p>Transient provider failures and malformed requests are thrown at once: nothing is recorded
 * under the caller's key, and the caller retries or corrects. Business refusals (declined, expired,
 * voided, captured) come back inside a {@link CardOutcome}, to be thrown inside the local
 * transaction, where the idempotency record keeps them for replays.
 */
final class CardGateway {

  private static final long DEADLINE_SECONDS = 10;
  private static final Set<Status.Code> TRANSIENT =
      EnumSet.of(
          Status.Code.UNAVAILABLE,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.ABORTED,
          Status.Code.CANCELLED,
          Status.Code.UNKNOWN);

  private final PspServiceBlockingStub psp;

  CardGateway(Channel channel) {
    this.psp = PspServiceGrpc.newBlockingStub(channel);
  }

  /** Try: holds {@code amount} on the card under the leg's reference. */
  CardOutcome authorize(LegKey leg, String cardToken, long amount) {
    return call(
        leg,
        "authorize",
        () ->
            stub()
                .authorize(
                    AuthorizeRequest.newBuilder()
                        .setIdempotencyKey(key("authorize", leg))
                        .setReference(leg.reference())
                        .setCardToken(cardToken)
                        .setAmount(amount)
                        .build())
                .getAuthorization());
  }

  /** Confirm: captures the whole authorized amount. */
  CardOutcome capture(LegKey leg, String authorizationId, long amount) {
    return call(
        leg,
        "capture",
        () ->
            stub()
                .capture(
                    CaptureRequest.newBuilder()
                        .setIdempotencyKey(key("capture", leg))
                        .setAuthorizationId(authorizationId)
                        .setAmount(amount)
                        .build())
                .getAuthorization());
  }

  /**
   * Cancel: voids whatever the provider holds under the leg's reference, or leaves a barrier there
   * that refuses a later authorization. By reference, not by id: it must also void an authorization
   * whose id never reached our database.
   */
  CardOutcome voidByReference(LegKey leg) {
    return call(
        leg,
        "void",
        () ->
            stub()
                .void_(
                    VoidRequest.newBuilder()
                        .setIdempotencyKey(key("void", leg))
                        .setReference(leg.reference())
                        .build())
                .getAuthorization());
  }

  /**
   * Refunds {@code amount} of a captured charge. Keyed by the caller's refund key, not by the leg:
   * a leg has many refunds, and the key is what makes each happen once however often it is retried.
   * The provider keeps the cumulative bound; its AMOUNT_EXCEEDED comes back as REFUND_EXCEEDED. A
   * key the provider saw with other parameters is thrown at once and never recorded: the provider
   * may have refunded under it, so only a retry with the first parameters may settle that key.
   */
  CardOutcome refund(String refundKey, LegKey leg, String authorizationId, long amount) {
    CardOutcome outcome =
        call(
            leg,
            "refund",
            () ->
                stub()
                    .refund(
                        RefundRequest.newBuilder()
                            .setIdempotencyKey(key("refund", refundKey))
                            .setAuthorizationId(authorizationId)
                            .setAmount(amount)
                            .build())
                    .getAuthorization());
    if (outcome.refusal() == null) {
      return outcome;
    }
    String reason = ServiceErrors.reasonOf(outcome.refusal()).orElse("");
    if (reason.equals(FailureReason.AMOUNT_EXCEEDED.name())) {
      return CardOutcome.refused(
          FailureReason.REFUND_EXCEEDED.exception(outcome.refusal().getStatus().getDescription()));
    }
    if (reason.equals(FailureReason.IDEMPOTENCY_CONFLICT.name())) {
      throw outcome.refusal();
    }
    return outcome;
  }

  private PspServiceBlockingStub stub() {
    return psp.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  private static CardOutcome call(LegKey leg, String operation, Supplier<Authorization> call) {
    try {
      return CardOutcome.of(call.get());
    } catch (StatusRuntimeException e) {
      return CardOutcome.refused(translate(leg, operation, e));
    }
  }

  /** Returns a business refusal in our terms, or throws what must not be recorded. */
  private static StatusRuntimeException translate(
      LegKey leg, String operation, StatusRuntimeException failure) {
    Status status = failure.getStatus();
    String description = String.valueOf(status.getDescription());
    String where = " (card " + operation + " of leg " + leg + ")";
    if (TRANSIENT.contains(status.getCode())) {
      throw FailureReason.PSP_UNAVAILABLE.exception(
          status.getCode() + ": " + description + where + "; retry with the same key");
    }
    if (status.getCode() == Status.Code.INVALID_ARGUMENT) {
      throw FailureReason.INVALID_REQUEST.exception("the provider refused " + description + where);
    }
    Optional<String> reason = ServiceErrors.reasonOf(failure);
    if (status.getCode() == Status.Code.FAILED_PRECONDITION && reason.isPresent()) {
      for (FailureReason known : FailureReason.values()) {
        if (known.name().equals(reason.get()) && known.code() == Status.Code.FAILED_PRECONDITION) {
          return known.exception(description + where);
        }
      }
    }
    throw FailureReason.PSP_ERROR.exception(
        "unexpected " + status.getCode() + ": " + description + where);
  }

  /**
   * {@code <operation>:<paymentId>:<legId>}, or a digest of the reference where that would exceed
   * the key length the provider accepts.
   */
  static String key(String operation, LegKey leg) {
    return key(operation, leg.reference());
  }

  /** {@code <operation>:<subject>}, or a digest of the subject where that would be too long. */
  static String key(String operation, String subject) {
    String key = operation + ":" + subject;
    if (key.length() <= Requests.MAX_ID_LENGTH) {
      return key;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
      return operation + ":sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** What the provider answered: an authorization, a business refusal, or no call at all. */
  record CardOutcome(Authorization authorization, StatusRuntimeException refusal) {

    /** The provider was not asked, because the leg's record made the call unnecessary. */
    static final CardOutcome NOT_CALLED = new CardOutcome(null, null);

    static CardOutcome of(Authorization authorization) {
      return new CardOutcome(authorization, null);
    }

    static CardOutcome refused(StatusRuntimeException refusal) {
      return new CardOutcome(null, refusal);
    }

    /**
     * The authorization, or the refusal thrown. Without a call the leg changed between the read
     * that decided against calling and the locked read that needs the answer: retry then.
     */
    Authorization get(LegKey leg) {
      if (refusal != null) {
        throw refusal;
      }
      if (authorization == null) {
        throw FailureReason.CONCURRENT_CHANGE.exception(
            "leg " + leg + " changed while the provider was being called; retry with the same key");
      }
      return authorization;
    }
  }
}
