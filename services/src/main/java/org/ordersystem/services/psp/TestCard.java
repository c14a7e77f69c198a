package org.ordersystem.services.psp;

import java.util.Arrays;
import org.ordersystem.services.common.FailureReason;

/** The card tokens the simulator knows, and how each answers an authorization. */
enum TestCard {
  OK("tok_ok", null),
  DECLINED("tok_declined", "card declined"),
  INSUFFICIENT_FUNDS("tok_insufficient_funds", "insufficient funds");

  private final String token;
  private final String declineReason;

  TestCard(String token, String declineReason) {
    this.token = token;
    this.declineReason = declineReason;
  }

  String token() {
    return token;
  }

  /** The card behind {@code token}; any other token is a malformed request, never recorded. */
  static TestCard of(String token) {
    return Arrays.stream(values())
        .filter(card -> card.token.equals(token))
        .findFirst()
        .orElseThrow(
            () ->
                FailureReason.INVALID_REQUEST.exception(
                    "unknown card token '"
                        + token
                        + "'; test tokens are tok_ok, tok_declined, tok_insufficient_funds"));
  }

  /** Refuses the authorization when this card declines. */
  void requireApproval(long amount) {
    if (declineReason != null) {
      throw FailureReason.PAYMENT_DECLINED.exception(
          declineReason + ": " + token + " refused " + amount + " JPY");
    }
  }
}
