package org.ordersystem.services.payment;

import org.ordersystem.proto.payment.v1.AuthorizeLegRequest;
import org.ordersystem.proto.payment.v1.FundingSource;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.services.common.FailureReason;
import org.ordersystem.services.common.Requests;

/** A validated funding source of a leg: what pays, how much, and the card token for CARD. */
record LegSource(SourceType type, long amount, String cardToken) {

  /** Returns the request's source, or refuses a malformed one (never recorded under its key). */
  static LegSource of(AuthorizeLegRequest request) {
    if (!request.hasSource()) {
      throw FailureReason.INVALID_REQUEST.exception("source is required");
    }
    FundingSource source = request.getSource();
    SourceType type = source.getType();
    if (type != SourceType.SOURCE_TYPE_BALANCE
        && type != SourceType.SOURCE_TYPE_POINTS
        && type != SourceType.SOURCE_TYPE_CARD) {
      throw FailureReason.INVALID_REQUEST.exception("source type must be BALANCE, POINTS or CARD");
    }
    long amount = Requests.requireAmount("amount", source.getAmount());
    if (type == SourceType.SOURCE_TYPE_CARD) {
      return new LegSource(type, amount, Requests.requireId("card_token", source.getCardToken()));
    }
    if (!source.getCardToken().isEmpty()) {
      throw FailureReason.INVALID_REQUEST.exception("card_token is only for CARD sources");
    }
    return new LegSource(type, amount, "");
  }

  boolean isCard() {
    return type == SourceType.SOURCE_TYPE_CARD;
  }

  /** The name stored in payment_legs.source_type: BALANCE, POINTS or CARD. */
  String typeName() {
    return type.name().substring("SOURCE_TYPE_".length());
  }
}
