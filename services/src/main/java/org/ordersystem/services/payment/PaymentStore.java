package org.ordersystem.services.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.ordersystem.proto.payment.v1.AuthorizeLegResponse;
import org.ordersystem.proto.payment.v1.CaptureLegResponse;
import org.ordersystem.proto.payment.v1.GetPaymentResponse;
import org.ordersystem.proto.payment.v1.Leg;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.proto.payment.v1.VoidLegResponse;
import org.ordersystem.services.common.FailureReason;
import org.ordersystem.services.payment.CardGateway.CardOutcome;
import org.ordersystem.services.payment.Ledger.Kind;
import org.ordersystem.services.payment.Ledger.LedgerAccount;
import org.ordersystem.services.payment.TccFence.State;

/**
 * The legs' Try/Confirm/Cancel inside the caller's transaction: the fence row, the leg's record and
 * its journal entries change together. Each operation locks the fence row (and the leg's record)
 * first, then the customer's account; that one order everywhere keeps concurrent calls queueing
 * instead of deadlocking. A CARD leg's provider call has already happened when these run (outside
 * any transaction, so no lock is held across the network); its outcome is passed in.
 */
final class PaymentStore {

  private static final String LEG_COLUMNS =
      "f.state, l.customer_id, l.source_type, l.amount, l.pending_entry_id, l.psp_authorization_id,"
          + " l.refunded_amount FROM tcc_fence f LEFT JOIN payment_legs l"
          + " ON l.payment_id = f.payment_id AND l.leg_id = f.leg_id";

  private final Ledger ledger = new Ledger();

  /** Whether a Try of this leg must first authorize the card: the leg is new, its owner known. */
  boolean needsCardAuthorization(Connection c, LegKey key, String customerId) throws SQLException {
    return find(c, key, false).isEmpty() && ledger.find(c, customerId, Kind.BALANCE).isPresent();
  }

  /** The leg as committed, without locking it. */
  Optional<StoredLeg> find(Connection c, LegKey key) throws SQLException {
    return find(c, key, false);
  }

  /** The leg, its fence row and record locked until the transaction ends. */
  Optional<StoredLeg> lock(Connection c, LegKey key) throws SQLException {
    return find(c, key, true);
  }

  AuthorizeLegResponse authorize(
      Connection c, LegKey key, String customerId, LegSource source, CardOutcome card)
      throws SQLException {
    Optional<StoredLeg> existing = find(c, key, true);
    if (existing.isPresent()) {
      StoredLeg leg = existing.get();
      if (leg.state().closed()) {
        throw FailureReason.ALREADY_CLOSED.exception("leg " + key + " was voided");
      }
      if (!leg.customerId().equals(customerId)
          || leg.source() != source.type()
          || leg.amount() != source.amount()) {
        throw FailureReason.IDEMPOTENCY_CONFLICT.exception(
            "leg " + key + " was authorized with other parameters");
      }
      // A second Try of the leg under another key answers with the leg as it stands.
      return authorizeResponse(key, leg);
    }
    LedgerAccount balance =
        ledger
            .find(c, customerId, Kind.BALANCE)
            .orElseThrow(
                () ->
                    FailureReason.UNKNOWN_CUSTOMER.exception(
                        "customer " + customerId + " has no account"));
    TccFence.insertTried(c, key);
    LedgerAccount debit =
        switch (source.type()) {
          case SOURCE_TYPE_POINTS ->
              ledger
                  .find(c, customerId, Kind.POINTS)
                  .orElseThrow(() -> declined(source, customerId));
          case SOURCE_TYPE_CARD -> ledger.system(c, Kind.CARD_CLEARING);
          default -> balance;
        };
    String authorizationId = source.isCard() ? card.get(key).getAuthorizationId() : null;
    long entryId =
        ledger
            .reserve(
                c,
                "pending:" + key.reference(),
                debit,
                ledger.system(c, Kind.MERCHANT_RECEIVABLE),
                source.amount())
            .orElseThrow(() -> declined(source, customerId));
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO payment_legs (payment_id, leg_id, customer_id, source_type, amount,"
                + " account_id, pending_entry_id, psp_authorization_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, key.paymentId());
      insert.setString(2, key.legId());
      insert.setString(3, customerId);
      insert.setString(4, source.typeName());
      insert.setLong(5, source.amount());
      insert.setLong(6, debit.id());
      insert.setLong(7, entryId);
      insert.setString(8, authorizationId);
      insert.executeUpdate();
    }
    return authorizeResponse(
        key,
        new StoredLeg(
            State.TRIED, customerId, source.type(), source.amount(), entryId, authorizationId, 0));
  }

  CaptureLegResponse capture(Connection c, LegKey key, CardOutcome card) throws SQLException {
    StoredLeg leg =
        find(c, key, true)
            .orElseThrow(
                () ->
                    FailureReason.LEG_NOT_AUTHORIZED.exception(
                        "leg " + key + " was never authorized"));
    if (leg.state().closed()) {
      throw FailureReason.ALREADY_CLOSED.exception("leg " + key + " was voided");
    }
    if (leg.state() == State.TRIED) {
      if (leg.isCard()) {
        card.get(key);
      }
      TccFence.transition(c, key, State.TRIED, State.CONFIRMED);
      ledger.post(c, "post:" + key.reference(), leg.pendingEntryId());
    }
    return CaptureLegResponse.newBuilder()
        .setPaymentId(key.paymentId())
        .setLegId(key.legId())
        .setState(LegState.LEG_STATE_CAPTURED)
        .setAmount(leg.amount())
        .build();
  }

  VoidLegResponse cancel(Connection c, LegKey key, CardOutcome card) throws SQLException {
    Optional<StoredLeg> found = find(c, key, true);
    if (found.isEmpty()) {
      // Empty rollback: the provider has voided the reference (or barred it) already. A Try or
      // Cancel that committed meanwhile shows in the row read back, and is handled as found.
      card.get(key);
      TccFence.insertBarrierIfAbsent(c, key);
      found = find(c, key, true);
    }
    StoredLeg leg = found.orElseThrow();
    if (leg.state() == State.CONFIRMED) {
      throw FailureReason.ALREADY_CAPTURED.exception("leg " + key + " was captured");
    }
    if (leg.state() == State.TRIED) {
      if (leg.isCard()) {
        card.get(key);
      }
      TccFence.transition(c, key, State.TRIED, State.CANCELLED);
      ledger.release(c, "void:" + key.reference(), leg.pendingEntryId());
    }
    return VoidLegResponse.newBuilder()
        .setPaymentId(key.paymentId())
        .setLegId(key.legId())
        .setState(LegState.LEG_STATE_VOIDED)
        .build();
  }

  GetPaymentResponse payment(Connection c, String paymentId) throws SQLException {
    GetPaymentResponse.Builder response = GetPaymentResponse.newBuilder().setPaymentId(paymentId);
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT f.leg_id, " + LEG_COLUMNS + " WHERE f.payment_id = ? ORDER BY f.leg_id")) {
      select.setString(1, paymentId);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          StoredLeg leg = StoredLeg.read(rs, 2);
          Leg.Builder proto =
              Leg.newBuilder()
                  .setLegId(rs.getString(1))
                  .setState(leg.legState())
                  .setAmount(leg.amount())
                  .setRefundedAmount(leg.refundedAmount());
          if (leg.customerId() != null) {
            proto.setCustomerId(leg.customerId()).setSourceType(leg.source());
          }
          if (leg.pspAuthorizationId() != null) {
            proto.setPspAuthorizationId(leg.pspAuthorizationId());
          }
          response.addLegs(proto);
        }
      }
    }
    if (response.getLegsCount() == 0) {
      throw FailureReason.UNKNOWN_PAYMENT.exception("payment " + paymentId + " has no legs");
    }
    return response.build();
  }

  private static Optional<StoredLeg> find(Connection c, LegKey key, boolean lock)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT "
                + LEG_COLUMNS
                + " WHERE f.payment_id = ? AND f.leg_id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
      select.setString(1, key.paymentId());
      select.setString(2, key.legId());
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(StoredLeg.read(rs, 1)) : Optional.empty();
      }
    }
  }

  private static RuntimeException declined(LegSource source, String customerId) {
    boolean points = source.type() == SourceType.SOURCE_TYPE_POINTS;
    return FailureReason.PAYMENT_DECLINED.exception(
        (points ? "insufficient points" : "insufficient balance")
            + ": customer "
            + customerId
            + " cannot cover "
            + source.amount()
            + (points ? " points" : " JPY"));
  }

  private static AuthorizeLegResponse authorizeResponse(LegKey key, StoredLeg leg) {
    AuthorizeLegResponse.Builder response =
        AuthorizeLegResponse.newBuilder()
            .setPaymentId(key.paymentId())
            .setLegId(key.legId())
            .setState(leg.legState())
            .setAmount(leg.amount());
    if (leg.pspAuthorizationId() != null) {
      response.setPspAuthorizationId(leg.pspAuthorizationId());
    }
    return response.build();
  }
}
