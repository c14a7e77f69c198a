package org.ordersystem.api.ops;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The payment service's audit of its double-entry ledger.
 *
 * @param entries journal entries in the ledger
 * @param unbalancedEntries entries whose lines do not sum to zero; must be 0
 * @param total sum of every line of every entry, in JPY and points alike; must be 0
 * @param negativeAccounts accounts whose available amount is below zero; must be 0
 * @param balanced true when all three checks hold: no money or points created or lost, and nobody
 *     overdrawn
 */
public record LedgerCheck(
    @Schema(example = "1250") long entries,
    @Schema(description = "Must be 0.", example = "0") long unbalancedEntries,
    @Schema(description = "Sum of every line of every entry; must be 0.", example = "0") long total,
    @Schema(description = "Accounts with a negative available amount; must be 0.", example = "0")
        long negativeAccounts,
    @Schema(
            description =
                "True when every entry sums to zero, the total is zero and no account is"
                    + " negative.",
            example = "true")
        boolean balanced) {

  /** The check with its verdict derived from the counts. */
  public static LedgerCheck of(
      long entries, long unbalancedEntries, long total, long negativeAccounts) {
    return new LedgerCheck(
        entries,
        unbalancedEntries,
        total,
        negativeAccounts,
        unbalancedEntries == 0 && total == 0 && negativeAccounts == 0);
  }
}
