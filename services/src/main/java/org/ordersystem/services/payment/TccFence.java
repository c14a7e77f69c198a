package org.ordersystem.services.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The fence of Try/Confirm/Cancel (after Seata's {@code tcc_fence_log}): one row per leg, always
 * written in the transaction that makes the leg's business effect, so the two commit together.
 *
 * <ul>
 *   <li>Try inserts TRIED. The primary key makes a second Try, or a Try after a Cancel's barrier,
 *       collide; the caller then reads the row and answers from it (no hanging reservation).
 *   <li>Confirm and Cancel lock the row and move TRIED on by compare-and-set, so exactly one of
 *       them wins; a replay finds its own end state and does nothing (idempotent).
 *   <li>A Cancel that finds no row inserts SUSPENDED: the empty rollback's barrier.
 * </ul>
 *
 * <p>Isolation is READ COMMITTED: a locking read of a missing row takes no gap lock, so concurrent
 * empty Cancels do not deadlock as they do under REPEATABLE READ (Seata issues 6383, 6679); their
 * barrier upserts queue on the key's exclusive lock and then find the barrier.
 */
final class TccFence {

  /** Where a leg stands in the protocol. */
  enum State {
    TRIED,
    CONFIRMED,
    CANCELLED,
    SUSPENDED;

    /** Cancelled, or barred before any Try: nothing can happen to the leg any more. */
    boolean closed() {
      return this == CANCELLED || this == SUSPENDED;
    }
  }

  private TccFence() {}

  /** Records a Try; a duplicate key means another call got there first, and fails the insert. */
  static void insertTried(Connection c, LegKey leg) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO tcc_fence (payment_id, leg_id, state) VALUES (?, ?, ?)")) {
      insert.setString(1, leg.paymentId());
      insert.setString(2, leg.legId());
      insert.setString(3, State.TRIED.name());
      insert.executeUpdate();
    }
  }

  /**
   * Records a barrier unless the leg has a row already; either way the caller then holds the row's
   * exclusive lock. An upsert, not an insert: concurrent empty Cancels then queue on an exclusive
   * lock instead of failing on the duplicate. A failed insert would roll back a transaction whose
   * idempotency key other calls wait on with shared locks, and those waiters would then deadlock
   * each other inserting that key.
   */
  static void insertBarrierIfAbsent(Connection c, LegKey leg) throws SQLException {
    try (PreparedStatement upsert =
        c.prepareStatement(
            "INSERT INTO tcc_fence (payment_id, leg_id, state) VALUES (?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE state = state")) {
      upsert.setString(1, leg.paymentId());
      upsert.setString(2, leg.legId());
      upsert.setString(3, State.SUSPENDED.name());
      upsert.executeUpdate();
    }
  }

  /**
   * Moves a row the caller has locked from {@code from} to {@code to}. The condition on the old
   * state repeats what the lock already guarantees, so a defect can never turn a CANCELLED leg
   * CONFIRMED.
   */
  static void transition(Connection c, LegKey leg, State from, State to) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE tcc_fence SET state = ? WHERE payment_id = ? AND leg_id = ? AND state = ?")) {
      update.setString(1, to.name());
      update.setString(2, leg.paymentId());
      update.setString(3, leg.legId());
      update.setString(4, from.name());
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("fence of leg " + leg + " is not " + from + " any more");
      }
    }
  }
}
