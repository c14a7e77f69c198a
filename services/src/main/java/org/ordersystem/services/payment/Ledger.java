package org.ordersystem.services.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The double-entry ledger, two-phase as in TigerBeetle: a pending transfer reserves an amount, and
 * is later posted or voided by an entry of its own; entries are never changed. Every entry's lines
 * sum to zero (credit positive, debit negative).
 *
 * <p>A captured transfer is given back, in part or in full, by REFUND entries that reverse it; they
 * are posted and never pending.
 *
 * <p>Customer accounts cache their four totals (debits and credits, pending and posted) in the
 * transaction that writes the entry, so the available check of a reservation is one conditional
 * update under the account's row lock, and concurrent reservations queue instead of overspending.
 * Caches are written before lines are inserted: a line's foreign key takes a shared lock on its
 * account, and taking it before the exclusive one would let two transactions deadlock upgrading.
 */
final class Ledger {

  /** Holder of the accounts that are not a customer's. */
  static final String SYSTEM = "@system";

  /** What an account holds; BALANCE and POINTS belong to customers, the rest to the system. */
  enum Kind {
    BALANCE,
    POINTS,
    MERCHANT_RECEIVABLE,
    CARD_CLEARING,
    OPENING_EQUITY,
    POINTS_FUNDING
  }

  /** An account; only customer accounts carry cached totals and may never go below zero. */
  record LedgerAccount(long id, String holder, Kind kind) {
    boolean cached() {
      return !holder.equals(SYSTEM);
    }
  }

  private record Line(long accountId, long amount, boolean cached) {}

  Optional<LedgerAccount> find(Connection c, String holder, Kind kind) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT account_id FROM ledger_accounts WHERE holder = ? AND kind = ?")) {
      select.setString(1, holder);
      select.setString(2, kind.name());
      try (ResultSet rs = select.executeQuery()) {
        return rs.next()
            ? Optional.of(new LedgerAccount(rs.getLong(1), holder, kind))
            : Optional.empty();
      }
    }
  }

  LedgerAccount system(Connection c, Kind kind) throws SQLException {
    return find(c, SYSTEM, kind)
        .orElseThrow(() -> new IllegalStateException("system account " + kind + " is missing"));
  }

  /**
   * Try: reserves {@code amount} from {@code debit} to {@code credit} as a pending entry.
   *
   * @return the pending entry's id, or empty when the debit account's available amount (posted
   *     minus pending outgoing) cannot cover it; then nothing was written
   */
  OptionalLong reserve(
      Connection c, String ref, LedgerAccount debit, LedgerAccount credit, long amount)
      throws SQLException {
    if (debit.cached()) {
      try (PreparedStatement hold =
          c.prepareStatement(
              "UPDATE ledger_accounts SET debits_pending = debits_pending + ? WHERE account_id = ?"
                  + " AND credits_posted - debits_posted - debits_pending >= ?")) {
        hold.setLong(1, amount);
        hold.setLong(2, debit.id());
        hold.setLong(3, amount);
        if (hold.executeUpdate() == 0) {
          return OptionalLong.empty();
        }
      }
    }
    if (credit.cached()) {
      adjust(c, credit.id(), 0, 0, amount, 0);
    }
    long entryId = insertEntry(c, ref, "PENDING", null);
    insertLine(c, entryId, 1, debit.id(), -amount);
    insertLine(c, entryId, 2, credit.id(), amount);
    return OptionalLong.of(entryId);
  }

  /** Confirm: posts a pending entry in full, as a POST entry with the same lines. */
  void post(Connection c, String ref, long pendingEntryId) throws SQLException {
    List<Line> lines = lines(c, pendingEntryId);
    for (Line line : lines) {
      if (line.cached()) {
        long debit = Math.max(0, -line.amount());
        long credit = Math.max(0, line.amount());
        adjust(c, line.accountId(), -debit, debit, -credit, credit);
      }
    }
    long entryId = insertEntry(c, ref, "POST", pendingEntryId);
    int lineNo = 1;
    for (Line line : lines) {
      insertLine(c, entryId, lineNo++, line.accountId(), line.amount());
    }
  }

  /** Cancel: voids a pending entry; the VOID entry has no lines, as no money moved. */
  void release(Connection c, String ref, long pendingEntryId) throws SQLException {
    for (Line line : lines(c, pendingEntryId)) {
      if (line.cached()) {
        adjust(
            c, line.accountId(), -Math.max(0, -line.amount()), 0, -Math.max(0, line.amount()), 0);
      }
    }
    insertEntry(c, ref, "VOID", pendingEntryId);
  }

  /**
   * Refund: returns {@code amount} of a posted transfer as a REFUND entry whose lines mirror the
   * pending entry's with the signs turned, so what was debited is credited back and the lines still
   * sum to zero. Posted at once: the money is the merchant's, and there is no hold to release.
   *
   * @return the REFUND entry's id
   */
  long refund(Connection c, String ref, long pendingEntryId, long amount) throws SQLException {
    List<Line> reversed = new ArrayList<>();
    for (Line line : lines(c, pendingEntryId)) {
      reversed.add(new Line(line.accountId(), -Long.signum(line.amount()) * amount, line.cached()));
    }
    for (Line line : reversed) {
      if (line.cached()) {
        adjust(c, line.accountId(), 0, Math.max(0, -line.amount()), 0, Math.max(0, line.amount()));
      }
    }
    long entryId = insertEntry(c, ref, "REFUND", null);
    int lineNo = 1;
    for (Line line : reversed) {
      insertLine(c, entryId, lineNo++, line.accountId(), line.amount());
    }
    return entryId;
  }

  private static List<Line> lines(Connection c, long entryId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT l.account_id, l.amount, a.holder <> ? FROM journal_lines l"
                + " JOIN ledger_accounts a ON a.account_id = l.account_id"
                + " WHERE l.entry_id = ? ORDER BY l.line_no")) {
      select.setString(1, SYSTEM);
      select.setLong(2, entryId);
      try (ResultSet rs = select.executeQuery()) {
        List<Line> lines = new ArrayList<>();
        while (rs.next()) {
          lines.add(new Line(rs.getLong(1), rs.getLong(2), rs.getBoolean(3)));
        }
        return lines;
      }
    }
  }

  private static void adjust(
      Connection c,
      long accountId,
      long debitsPending,
      long debitsPosted,
      long creditsPending,
      long creditsPosted)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE ledger_accounts SET debits_pending = debits_pending + ?,"
                + " debits_posted = debits_posted + ?, credits_pending = credits_pending + ?,"
                + " credits_posted = credits_posted + ? WHERE account_id = ?")) {
      update.setLong(1, debitsPending);
      update.setLong(2, debitsPosted);
      update.setLong(3, creditsPending);
      update.setLong(4, creditsPosted);
      update.setLong(5, accountId);
      update.executeUpdate();
    }
  }

  private static long insertEntry(Connection c, String ref, String kind, Long pendingEntryId)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO journal_entries (entry_ref, kind, pending_entry_id) VALUES (?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, ref);
      insert.setString(2, kind);
      insert.setObject(3, pendingEntryId);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static void insertLine(
      Connection c, long entryId, int lineNo, long accountId, long amount) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO journal_lines (entry_id, line_no, account_id, amount) VALUES (?, ?, ?,"
                + " ?)")) {
      insert.setLong(1, entryId);
      insert.setInt(2, lineNo);
      insert.setLong(3, accountId);
      insert.setLong(4, amount);
      insert.executeUpdate();
    }
  }
}
