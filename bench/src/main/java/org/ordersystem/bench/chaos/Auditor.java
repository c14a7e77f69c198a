package org.ordersystem.bench.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ordersystem.bench.chaos.AuditRecords.Authorization;
import org.ordersystem.bench.chaos.AuditRecords.Leg;
import org.ordersystem.bench.chaos.AuditRecords.LegRow;
import org.ordersystem.bench.chaos.AuditRecords.OrderRow;
import org.ordersystem.bench.chaos.AuditRecords.RefundRow;
import org.ordersystem.bench.chaos.AuditRecords.ReservationLine;

/**
 * The checks after a chaos run, each comparing one party's own records with another's: nothing here
 * trusts the client's view of an outcome, only of what it got accepted. An order PENDING is a
 * legitimate end (it waits for a person, holding what it holds): it is listed, and what it holds is
 * left out of the conservation sums on the side of the records that hold it.
 */
public final class Auditor {

  /** Statuses of an order that sold: its stock committed and its money captured. */
  static final Set<String> SOLD = Set.of("COMPLETED", "PARTIALLY_REFUNDED", "REFUNDED");

  /** Statuses an order may end in, besides PENDING. */
  static final Set<String> FINAL =
      Set.of("COMPLETED", "PARTIALLY_REFUNDED", "REFUNDED", "REJECTED", "CANCELLED");

  /** The verdict: violations (none when it passed) and the PENDING orders with their reasons. */
  public record Verdict(List<String> violations, List<String> pending) {
    public boolean passed() {
      return violations.isEmpty();
    }
  }

  private Auditor() {}

  public static Verdict audit(AuditRecords r) {
    List<String> violations = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    Set<String> pendingIds = new TreeSet<>();
    r.orders().values().stream()
        .filter(o -> o.status().equals("PENDING"))
        .forEach(
            o -> {
              pendingIds.add(o.orderId());
              pending.add(o.orderId() + " at " + o.pendingStep() + ": " + o.pendingReason());
            });
    checkAcceptedOrders(r, violations);
    checkCardCharges(r, pendingIds, violations);
    checkWallets(r, pendingIds, violations);
    checkStock(r, pendingIds, violations);
    if (!r.ledgerFaults().isEmpty()) {
      violations.add(
          "ledger: the payment service's ledger check fails: "
              + String.join(", ", r.ledgerFaults()));
    }
    for (AuditRecords.Mismatch m : r.openMismatches()) {
      if (!pendingIds.contains(m.paymentId())) {
        // A PENDING order's leg waits for the same person as the order; any other is a leg
        // reconciliation should have settled on its own.
        violations.add(
            "reconciliation: OPEN " + m.mismatchClass() + " mismatch of " + m.reference());
      }
    }
    return new Verdict(violations, pending);
  }

  /**
   * Every accepted order exists (read model and workflow), is final or PENDING, and has the same
   * status in both.
   */
  private static void checkAcceptedOrders(AuditRecords r, List<String> violations) {
    for (ClientRecord.Accepted a : r.accepted()) {
      String which = a.orderId() + " (order " + a.index() + ", " + a.shape() + ")";
      OrderRow row = r.orders().get(a.orderId());
      if (row == null) {
        violations.add("lost: accepted order " + which + " is not in the read model");
      } else if (!FINAL.contains(row.status()) && !row.status().equals("PENDING")) {
        violations.add("not final: " + which + " is " + row.status());
      }
      String inTemporal = r.workflows().get(a.orderId());
      if (inTemporal == null) {
        violations.add("lost: accepted order " + which + " has no workflow in Temporal");
      } else if (row != null && !row.status().equals(inTemporal)) {
        // Shops read the read model, operators Temporal UI: both must tell the same end.
        violations.add(
            "disagree: "
                + which
                + " is "
                + row.status()
                + " in the read model, "
                + inTemporal
                + " in Temporal");
      }
    }
  }

  /**
   * No card charged twice: per authorization, captures within the authorization and refunds within
   * the captures; per order, no more captured authorizations than card legs; per card leg, the
   * provider's net charge equals ours; and the provider's total equals the card legs of sold orders
   * less their card refunds, as the read model has them.
   */
  private static void checkCardCharges(AuditRecords r, Set<String> pendingIds, List<String> v) {
    Map<String, LegRow> cardLegs = new HashMap<>();
    for (LegRow leg : r.legs()) {
      if (leg.type().equals("CARD")) {
        cardLegs.put(leg.paymentId() + ":" + leg.legId(), leg);
      }
    }
    Map<String, Integer> capturedPerOrder = new TreeMap<>();
    long providerNet = 0;
    long providerNetOfPending = 0;
    for (Authorization a : r.authorizations()) {
      String orderId = a.reference().split(":")[0];
      if (a.captured() > a.amount() || a.refunded() > a.captured()) {
        v.add(
            "charged twice: authorization of "
                + a.reference()
                + " captured "
                + a.captured()
                + " refunded "
                + a.refunded()
                + " of "
                + a.amount());
      }
      if (a.captured() > 0) {
        capturedPerOrder.merge(orderId, 1, Integer::sum);
      }
      long net = a.captured() - a.refunded();
      providerNet += net;
      if (pendingIds.contains(orderId)) {
        providerNetOfPending += net;
        continue;
      }
      LegRow ours = cardLegs.get(a.reference());
      long ourNet =
          ours != null && ours.fenceState().equals("CONFIRMED")
              ? ours.amount() - ours.refunded()
              : 0;
      if (net != ourNet) {
        v.add(
            "card leg "
                + a.reference()
                + ": the provider charged "
                + net
                + " net, we have "
                + ourNet
                + (ours == null ? " (no leg)" : " (" + ours.fenceState() + ")"));
      }
    }
    capturedPerOrder.forEach(
        (orderId, captured) -> {
          OrderRow order = r.orders().get(orderId);
          long legs = order == null ? 0 : order.legs().stream().filter(l -> isCard(l)).count();
          if (captured > legs) {
            v.add(
                "charged twice: order "
                    + orderId
                    + " has "
                    + captured
                    + " captured authorizations for "
                    + legs
                    + " card leg(s)");
          }
        });
    long expected = soldByType(r, "CARD", null);
    if (providerNet - providerNetOfPending != expected) {
      v.add(
          "card money: the provider holds "
              + (providerNet - providerNetOfPending)
              + " captured less refunded (PENDING orders aside), sold orders less refunds say "
              + expected);
    }
  }

  /**
   * Balance and points: each customer account moved by exactly what its captured legs less their
   * refunds say (payment service), and by what the sold orders less refunds say (read model); and
   * nothing stays held but by PENDING orders.
   */
  private static void checkWallets(AuditRecords r, Set<String> pendingIds, List<String> v) {
    Map<String, Long> legsNet = new TreeMap<>();
    Map<String, Long> pendingNet = new TreeMap<>();
    Map<String, Long> held = new TreeMap<>();
    for (LegRow leg : r.legs()) {
      if (leg.type().equals("CARD")) {
        continue;
      }
      String account = leg.customerId() + ":" + leg.type();
      if (leg.fenceState().equals("CONFIRMED")) {
        legsNet.merge(account, leg.amount() - leg.refunded(), Long::sum);
        if (pendingIds.contains(leg.paymentId())) {
          pendingNet.merge(account, leg.amount() - leg.refunded(), Long::sum);
        }
      } else if (leg.fenceState().equals("TRIED")) {
        held.merge(account, leg.amount(), Long::sum);
        if (!pendingIds.contains(leg.paymentId())) {
          v.add(
              "held: leg "
                  + leg.paymentId()
                  + ":"
                  + leg.legId()
                  + " still holds "
                  + leg.amount()
                  + " of "
                  + account
                  + " for an order that is not PENDING");
        }
      }
    }
    for (var e : r.accountsAfter().entrySet()) {
      String account = e.getKey();
      AuditRecords.Account before = r.accountsBefore().getOrDefault(account, e.getValue());
      long moved = before.posted() - e.getValue().posted();
      long byLegs = legsNet.getOrDefault(account, 0L);
      if (moved != byLegs) {
        v.add(
            "ledger: account "
                + account
                + " moved "
                + moved
                + ", its captured legs less refunds "
                + byLegs);
      }
      String[] holderKind = account.split(":");
      long byOrders = soldByType(r, holderKind[1], holderKind[0]);
      if (moved - pendingNet.getOrDefault(account, 0L) != byOrders) {
        v.add(
            "money: account "
                + account
                + " moved "
                + moved
                + " (PENDING orders aside: "
                + (moved - pendingNet.getOrDefault(account, 0L))
                + "), sold orders less refunds say "
                + byOrders);
      }
      long heldNow = e.getValue().pending() - before.pending();
      if (heldNow != held.getOrDefault(account, 0L)) {
        v.add(
            "ledger: account "
                + account
                + " holds "
                + heldNow
                + " pending, its open legs "
                + held.getOrDefault(account, 0L));
      }
    }
  }

  /**
   * Units sold (stock's on-hand drop) equal the units of sold orders less the units their refunds
   * restocked (read model), and the stock service's own reservations agree with both.
   */
  private static void checkStock(AuditRecords r, Set<String> pendingIds, List<String> v) {
    Map<String, Long> byOrders = new TreeMap<>();
    for (OrderRow o : r.orders().values()) {
      if (SOLD.contains(o.status())) {
        o.lines().forEach(l -> byOrders.merge(l.sku(), l.quantity(), Long::sum));
      }
    }
    for (RefundRow refund : r.refunds()) {
      if (refund.status().equals("COMPLETED")) {
        refund.lines().forEach(l -> byOrders.merge(l.sku(), -l.quantity(), Long::sum));
      }
    }
    Map<String, Long> committed = new TreeMap<>();
    Map<String, Long> committedPending = new TreeMap<>();
    Map<String, Long> reserved = new TreeMap<>();
    for (ReservationLine line : r.reservations()) {
      if (line.state().equals("COMMITTED")) {
        committed.merge(line.sku(), line.quantity() - line.restocked(), Long::sum);
        if (pendingIds.contains(line.orderId())) {
          committedPending.merge(line.sku(), line.quantity() - line.restocked(), Long::sum);
        }
      } else if (line.state().equals("RESERVED")) {
        reserved.merge(line.sku(), line.quantity(), Long::sum);
        if (!pendingIds.contains(line.orderId())) {
          v.add(
              "stock: order "
                  + line.orderId()
                  + " still reserves "
                  + line.quantity()
                  + " "
                  + line.sku()
                  + " and is not PENDING");
        }
      }
    }
    Set<String> skus = new TreeSet<>(r.onHandBefore().keySet());
    skus.addAll(r.onHandAfter().keySet());
    for (String sku : skus) {
      long sold = r.onHandBefore().getOrDefault(sku, 0L) - r.onHandAfter().getOrDefault(sku, 0L);
      long soldAside = sold - committedPending.getOrDefault(sku, 0L);
      if (soldAside != byOrders.getOrDefault(sku, 0L)) {
        v.add(
            "stock: "
                + sku
                + " sold "
                + soldAside
                + " units (PENDING orders aside), sold orders"
                + " less restocks say "
                + byOrders.getOrDefault(sku, 0L));
      }
      if (sold != committed.getOrDefault(sku, 0L)) {
        v.add(
            "stock: "
                + sku
                + " sold "
                + sold
                + " units, committed reservations less restocks "
                + committed.getOrDefault(sku, 0L));
      }
      if (r.reservedAfter().getOrDefault(sku, 0L) != reserved.getOrDefault(sku, 0L)) {
        v.add(
            "stock: "
                + sku
                + " has "
                + r.reservedAfter().getOrDefault(sku, 0L)
                + " units reserved, open reservations "
                + reserved.getOrDefault(sku, 0L));
      }
    }
  }

  /**
   * What sold orders paid with {@code type} less what their completed refunds returned to it, for
   * one customer or (null) all.
   */
  private static long soldByType(AuditRecords r, String type, String customerId) {
    long total = 0;
    for (OrderRow o : r.orders().values()) {
      if (SOLD.contains(o.status()) && (customerId == null || customerId.equals(o.customerId()))) {
        total += o.legs().stream().filter(l -> l.type().equals(type)).mapToLong(Leg::amount).sum();
      }
    }
    for (RefundRow refund : r.refunds()) {
      OrderRow o = r.orders().get(refund.orderId());
      if (refund.status().equals("COMPLETED")
          && o != null
          && (customerId == null || customerId.equals(o.customerId()))) {
        total -=
            refund.legRefunds().stream()
                .filter(l -> l.type().equals(type))
                .mapToLong(Leg::amount)
                .sum();
      }
    }
    return total;
  }

  private static boolean isCard(Leg leg) {
    return leg.type().equals("CARD");
  }
}
