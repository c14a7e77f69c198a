package org.ordersystem.services.payment;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.ordersystem.proto.ServiceErrors;
import org.ordersystem.proto.payment.v1.AuthorizeLegRequest;
import org.ordersystem.proto.payment.v1.CaptureLegRequest;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.payment.v1.RefundLegRequest;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.proto.payment.v1.VoidLegRequest;

/**
 * A seeded random workload for the ledger property test: payments of one to three legs over a few
 * shared wallets, and for each leg a bag of Try, Confirm and Cancel calls, duplicated under the
 * same key or under new ones, and for legs meant to be confirmed some partial refunds that may
 * together ask for more than the leg took; all shuffled together so any order can happen (Cancel
 * before Try, Confirm racing Cancel, a refund before its capture, a replay after the end), the
 * refunds into the later half.
 */
final class RandomPayments {

  /** What a call is. */
  enum Kind {
    TRY,
    CONFIRM,
    CANCEL,
    REFUND
  }

  /** One planned leg and the answers its calls got. */
  static final class PlannedLeg {
    final String paymentId;
    final String legId;
    final String customerId;
    final SourceType source;
    final long amount;
    final String cardToken;
    final Queue<String> answers = new ConcurrentLinkedQueue<>();

    /** Amounts of the refunds that succeeded, by key. */
    final Map<String, Long> refunds = new ConcurrentHashMap<>();

    PlannedLeg(
        String paymentId,
        String legId,
        String customerId,
        SourceType source,
        long amount,
        String cardToken) {
      this.paymentId = paymentId;
      this.legId = legId;
      this.customerId = customerId;
      this.source = source;
      this.amount = amount;
      this.cardToken = cardToken;
    }

    /** What the refunds that succeeded returned, together. */
    long refunded() {
      return refunds.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether some call of {@code kind} succeeded with {@code state}. */
    boolean succeeded(Kind kind, LegState state) {
      return answers.contains(kind + " " + state.name());
    }

    @Override
    public String toString() {
      return paymentId
          + "/"
          + legId
          + " "
          + source
          + " "
          + amount
          + " of "
          + customerId
          + " "
          + answers
          + " refunds "
          + refunds;
    }
  }

  /** One call to make, with the key it carries, and the amount of a refund. */
  record Call(PlannedLeg leg, Kind kind, String key, long amount) {

    AuthorizeLegRequest authorize() {
      AuthorizeLegRequest request =
          leg.source == SourceType.SOURCE_TYPE_CARD
              ? PaymentRequests.card(
                  leg.paymentId, leg.legId, leg.customerId, leg.cardToken, leg.amount)
              : PaymentRequests.authorize(
                  leg.paymentId, leg.legId, leg.customerId, leg.source, leg.amount);
      return request.toBuilder().setIdempotencyKey(key).build();
    }

    CaptureLegRequest capture() {
      return PaymentRequests.capture(leg.paymentId, leg.legId).toBuilder()
          .setIdempotencyKey(key)
          .build();
    }

    VoidLegRequest cancel() {
      return PaymentRequests.voidLeg(leg.paymentId, leg.legId).toBuilder()
          .setIdempotencyKey(key)
          .build();
    }

    /**
     * Makes the call, retrying a retryable failure with the same key, and answers the state it
     * reached ({@code OK} for a refund) or the code and reason it failed with.
     */
    String make(PaymentServiceBlockingStub payment) {
      Supplier<String> rpc =
          switch (kind) {
            case TRY -> () -> payment.authorizeLeg(authorize()).getState().name();
            case CONFIRM -> () -> payment.captureLeg(capture()).getState().name();
            case CANCEL -> () -> payment.voidLeg(cancel()).getState().name();
            case REFUND ->
                () -> {
                  payment.refundLeg(refund());
                  return "OK";
                };
          };
      for (int attempt = 1; ; attempt++) {
        try {
          return rpc.get();
        } catch (StatusRuntimeException e) {
          Status status = e.getStatus();
          if (status.getCode() != Status.Code.UNAVAILABLE || attempt == 10) {
            return status.getCode() + " " + ServiceErrors.reasonOf(e).orElse("");
          }
        }
      }
    }

    RefundLegRequest refund() {
      return PaymentRequests.refund(leg.paymentId, leg.legId, "", amount).toBuilder()
          .setIdempotencyKey(key)
          .build();
    }
  }

  final List<PlannedLeg> legs = new ArrayList<>();
  final List<Call> calls = new ArrayList<>();
  private final List<Call> refunds = new ArrayList<>();

  RandomPayments(Random random, List<String> customers, int payments) {
    SourceType[] sources = {
      SourceType.SOURCE_TYPE_BALANCE, SourceType.SOURCE_TYPE_POINTS, SourceType.SOURCE_TYPE_CARD
    };
    for (int p = 0; p < payments; p++) {
      String paymentId = "prop-" + p + "-" + Long.toHexString(random.nextLong());
      String customer = customers.get(random.nextInt(customers.size()));
      int legCount = 1 + random.nextInt(3);
      for (int l = 1; l <= legCount; l++) {
        SourceType source = sources[random.nextInt(sources.length)];
        String token =
            source == SourceType.SOURCE_TYPE_CARD
                ? (random.nextInt(7) == 0 ? "tok_declined" : "tok_ok")
                : "";
        PlannedLeg leg =
            new PlannedLeg(
                paymentId,
                Integer.toString(l),
                customer,
                source,
                100 + random.nextInt(6_000),
                token);
        legs.add(leg);
        plan(random, leg);
      }
    }
    Collections.shuffle(calls, random);
    // Refunds go into the later half, where most legs have met their Confirm (a refund that comes
    // first fails for good under its key), yet still race the other calls.
    for (Call refund : refunds) {
      calls.add(calls.size() / 2 + random.nextInt(calls.size() / 2 + 1), refund);
    }
  }

  /** Mostly the happy path of one intent, with duplicates, and sometimes both intents racing. */
  private void plan(Random random, PlannedLeg leg) {
    add(random, leg, Kind.TRY);
    int intent = random.nextInt(10);
    if (intent < 6 || intent == 9) {
      add(random, leg, Kind.CONFIRM);
      for (int r = random.nextInt(3); r > 0; r--) {
        String key = leg.paymentId + ":REFUND:" + r + ":" + leg.legId;
        long amount = 1 + random.nextInt((int) leg.amount * 2 / 3);
        for (int copies = 1 + random.nextInt(2); copies > 0; copies--) {
          refunds.add(new Call(leg, Kind.REFUND, key, amount));
        }
      }
    }
    if (intent >= 6) {
      add(random, leg, Kind.CANCEL);
    }
  }

  private void add(Random random, PlannedLeg leg, Kind kind) {
    String key = leg.paymentId + ":" + kind + ":" + leg.legId;
    int copies = 1 + random.nextInt(2);
    for (int i = 0; i < copies; i++) {
      calls.add(new Call(leg, kind, key, 0));
    }
    if (random.nextInt(4) == 0) {
      calls.add(new Call(leg, kind, key + ":other-key", 0));
    }
  }
}
