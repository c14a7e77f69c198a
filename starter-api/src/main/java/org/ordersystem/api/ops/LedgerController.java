package org.ordersystem.api.ops;

import io.swagger.v3.oas.annotations.Operation;
import org.ordersystem.api.auth.RequiresRole;
import org.ordersystem.api.auth.Role;
import org.ordersystem.api.config.CallsServices;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The payment ledger's health, for operators and end-to-end checks. */
@CallsServices
@RestController
@RequiresRole(Role.OPERATOR)
public class LedgerController {

  private final PaymentLedger ledger;

  public LedgerController(PaymentLedger ledger) {
    this.ledger = ledger;
  }

  @Operation(
      summary = "Audit the payment ledger (operator)",
      description =
          "Counts journal entries, those whose lines do not sum to zero, the sum of every line"
              + " and the accounts below zero. Answers 200 whatever the outcome; 'balanced' is"
              + " the verdict.")
  @GetMapping("/api/v1/ops/ledger")
  public LedgerCheck check() {
    return ledger.check();
  }
}
