package org.ordersystem.api.ops;

import io.swagger.v3.oas.annotations.media.Schema;
import org.ordersystem.proto.payment.v1.CheckLedgerResponse;

/**
 * The payment service's audit of its double-entry ledger.
 *
 * @param entries journal entries in the ledger
 * @param unbalancedEntries entries whose lines do not sum to zero; must be 0
 * @param total sum of every line of every entry, in JPY and points alike; must be 0
 * @param negativeAccounts accounts whose available amount is below zero; must be 0
 * @param mismatchedAccounts customer accounts whose stored balances differ from the sums of their
 *     journal lines; must be 0
 * @param inconsistentLegs payment legs whose state disagrees with their journal entries; must be 0
 * @param balanced true when every count that must be 0 is: no money or points created or lost,
 *     nobody overdrawn, and balances and legs agree with the journal
 */
public record LedgerCheck(
    @Schema(example = "1250") long entries,
    @Schema(description = "Must be 0.", example = "0") long unbalancedEntries,
    @Schema(description = "Sum of every line of every entry; must be 0.", example = "0") long total,
    @Schema(description = "Accounts with a negative available amount; must be 0.", example = "0")
        long negativeAccounts,
    @Schema(
            description =
                "Customer accounts whose stored posted or pending balance differs from the sum"
                    + " of their journal lines; must be 0.",
            example = "0")
        long mismatchedAccounts,
    @Schema(
            description =
                "Legs whose state disagrees with their journal entries (an authorized leg whose"
                    + " reservation was resolved, a captured leg without a posting, a voided leg"
                    + " without a void, refunds beyond a leg's capture); must be 0.",
            example = "0")
        long inconsistentLegs,
    @Schema(description = "True when every count that must be 0 is 0.", example = "true")
        boolean balanced) {

  /** The payment service's answer with its verdict derived from the counts. */
  public static LedgerCheck of(CheckLedgerResponse r) {
    return new LedgerCheck(
        r.getEntries(),
        r.getUnbalancedEntries(),
        r.getTotal(),
        r.getNegativeAccounts(),
        r.getMismatchedAccounts(),
        r.getInconsistentLegs(),
        r.getUnbalancedEntries() == 0
            && r.getTotal() == 0
            && r.getNegativeAccounts() == 0
            && r.getMismatchedAccounts() == 0
            && r.getInconsistentLegs() == 0);
  }
}
