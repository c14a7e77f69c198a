package org.ordersystem.services.payment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.ordersystem.proto.payment.v1.AuthorizeLegRequest;
import org.ordersystem.proto.payment.v1.CaptureLegRequest;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.proto.payment.v1.VoidLegRequest;

/**
 * A seeded random workload for the ledger property test: payments of one to three legs over a few
 * shared wallets, and for each leg a bag of Try, Confirm and Cancel calls, duplicated under the
 * same key or under new ones, all shuffled together so any order can happen (Cancel before Try,
 * Confirm racing Cancel, a replay after the end).
 */
final class RandomPayments {

  /** What a call is. */
  enum Kind {
    TRY,
    CONFIRM,
    CANCEL
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
          + answers;
    }
  }

  /** One call to make, with the key it carries. */
  record Call(PlannedLeg leg, Kind kind, String key) {

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
  }

  final List<PlannedLeg> legs = new ArrayList<>();
  final List<Call> calls = new ArrayList<>();

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
  }

  /** Mostly the happy path of one intent, with duplicates, and sometimes both intents racing. */
  private void plan(Random random, PlannedLeg leg) {
    add(random, leg, Kind.TRY);
    int intent = random.nextInt(10);
    if (intent < 6 || intent == 9) {
      add(random, leg, Kind.CONFIRM);
    }
    if (intent >= 6) {
      add(random, leg, Kind.CANCEL);
    }
  }

  private void add(Random random, PlannedLeg leg, Kind kind) {
    String key = leg.paymentId + ":" + kind + ":" + leg.legId;
    int copies = 1 + random.nextInt(2);
    for (int i = 0; i < copies; i++) {
      calls.add(new Call(leg, kind, key));
    }
    if (random.nextInt(4) == 0) {
      calls.add(new Call(leg, kind, key + ":other-key"));
    }
  }
}
