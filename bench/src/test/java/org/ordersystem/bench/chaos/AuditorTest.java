package org.ordersystem.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.ordersystem.bench.chaos.AuditRecords.Account;
import org.ordersystem.bench.chaos.AuditRecords.Authorization;
import org.ordersystem.bench.chaos.AuditRecords.Leg;
import org.ordersystem.bench.chaos.AuditRecords.LegRow;
import org.ordersystem.bench.chaos.AuditRecords.Line;
import org.ordersystem.bench.chaos.AuditRecords.Mismatch;
import org.ordersystem.bench.chaos.AuditRecords.OrderRow;
import org.ordersystem.bench.chaos.AuditRecords.RefundRow;
import org.ordersystem.bench.chaos.AuditRecords.ReservationLine;

/**
 * The auditor on records of a small consistent run (it must pass), then on the same records with
 * one thing tampered (it must name it).
 */
class AuditorTest {

  /**
   * Three accepted orders of cust-001: "paid" (2 mugs, balance 1400 and card 1000, one mug refunded
   * from the card), "declined" (rejected, everything voided) and "pending" (held at shipping: its
   * stock reserved and its balance leg tried).
   */
  private static AuditRecords consistentRun() {
    List<ClientRecord.Accepted> accepted =
        List.of(
            new ClientRecord.Accepted(0, OrderShape.REFUND_LINES, "paid", "CREATING"),
            new ClientRecord.Accepted(1, OrderShape.DECLINED_CARD, "declined", "REJECTED"),
            new ClientRecord.Accepted(2, OrderShape.BALANCE, "pending", "CREATING"));
    Map<String, OrderRow> orders = new TreeMap<>();
    orders.put(
        "paid",
        new OrderRow(
            "paid",
            "PARTIALLY_REFUNDED",
            "cust-001",
            null,
            null,
            List.of(new Line("MUG-BLUE", 2)),
            List.of(new Leg("1", "BALANCE", 1400), new Leg("2", "CARD", 1000))));
    orders.put(
        "declined",
        new OrderRow(
            "declined",
            "REJECTED",
            "cust-001",
            null,
            null,
            List.of(new Line("MUG-BLUE", 1)),
            List.of(new Leg("1", "BALANCE", 200), new Leg("2", "CARD", 1000))));
    orders.put(
        "pending",
        new OrderRow(
            "pending",
            "PENDING",
            "cust-001",
            "REGISTER_SHIPPING",
            "STEP_TIMED_OUT",
            List.of(new Line("MUG-BLUE", 1)),
            List.of(new Leg("1", "BALANCE", 1200))));
    List<RefundRow> refunds =
        List.of(
            new RefundRow(
                "paid",
                "r1",
                "COMPLETED",
                List.of(new Line("MUG-BLUE", 1)),
                List.of(new Leg("2", "CARD", 1000), new Leg("1", "BALANCE", 200))));
    List<ReservationLine> reservations =
        List.of(
            new ReservationLine("paid", "COMMITTED", "MUG-BLUE", 2, 1),
            new ReservationLine("declined", "RELEASED", "MUG-BLUE", 1, 0),
            new ReservationLine("pending", "RESERVED", "MUG-BLUE", 1, 0));
    List<LegRow> legs =
        List.of(
            new LegRow("paid", "1", "cust-001", "BALANCE", 1400, 200, "CONFIRMED"),
            new LegRow("paid", "2", "cust-001", "CARD", 1000, 1000, "CONFIRMED"),
            new LegRow("declined", "1", "cust-001", "BALANCE", 200, 0, "CANCELLED"),
            new LegRow("pending", "1", "cust-001", "BALANCE", 1200, 0, "TRIED"));
    List<Authorization> authorizations =
        List.of(new Authorization("paid:2", 1000, 1000, 1000, "CAPTURED"));
    return new AuditRecords(
        accepted,
        orders,
        Map.of("paid", "PARTIALLY_REFUNDED", "declined", "REJECTED", "pending", "PENDING"),
        refunds,
        Map.of("MUG-BLUE", 100L),
        Map.of("MUG-BLUE", 99L),
        Map.of("MUG-BLUE", 1L),
        reservations,
        Map.of("cust-001:BALANCE", new Account(10_000, 0), "cust-001:POINTS", new Account(50, 0)),
        Map.of("cust-001:BALANCE", new Account(8_800, 1200), "cust-001:POINTS", new Account(50, 0)),
        legs,
        authorizations,
        List.of(),
        List.of());
  }

  @Test
  void shouldPassAConsistentRunAndListItsPendingOrder() {
    Auditor.Verdict verdict = Auditor.audit(consistentRun());

    assertThat(verdict.violations()).isEmpty();
    assertThat(verdict.pending()).containsExactly("pending at REGISTER_SHIPPING: STEP_TIMED_OUT");
  }

  @Test
  void shouldReportADoubleCapture() {
    AuditRecords tampered =
        tampered(
            r ->
                change(r)
                    .authorizations(
                        plus(
                            r.authorizations(),
                            new Authorization("paid:2-again", 1000, 1000, 0, "CAPTURED")))
                    .build());

    assertThat(Auditor.audit(tampered).violations())
        .anyMatch(v -> v.startsWith("charged twice: order paid has 2 captured authorizations"))
        .anyMatch(v -> v.startsWith("card money: the provider holds 1000"));
  }

  @Test
  void shouldReportACaptureBeyondItsAuthorization() {
    AuditRecords tampered =
        tampered(
            r ->
                change(r)
                    .authorizations(
                        List.of(new Authorization("paid:2", 1000, 2000, 1000, "CAPTURED")))
                    .build());

    assertThat(Auditor.audit(tampered).violations())
        .anyMatch(v -> v.startsWith("charged twice: authorization of paid:2 captured 2000"));
  }

  @Test
  void shouldReportAnAcceptedOrderMissingFromTheReadModelAndTemporal() {
    AuditRecords tampered =
        tampered(
            r -> {
              Map<String, OrderRow> orders = new TreeMap<>(r.orders());
              orders.remove("declined");
              Map<String, String> workflows = new TreeMap<>(r.workflows());
              workflows.remove("declined");
              return change(r).orders(orders).workflows(workflows).build();
            });

    assertThat(Auditor.audit(tampered).violations())
        .contains(
            "lost: accepted order declined (order 1, DECLINED_CARD) is not in the read model",
            "lost: accepted order declined (order 1, DECLINED_CARD) has no workflow in Temporal");
  }

  @Test
  void shouldReportAnOrderWhoseWorkflowEndedOtherwiseThanTheReadModelSays() {
    AuditRecords tampered =
        tampered(
            r -> {
              Map<String, String> workflows = new TreeMap<>(r.workflows());
              workflows.put("paid", "CANCELLED");
              return change(r).workflows(workflows).build();
            });

    assertThat(Auditor.audit(tampered).violations())
        .containsExactly(
            "disagree: paid (order 0, REFUND_LINES) is PARTIALLY_REFUNDED in the read model,"
                + " CANCELLED in Temporal");
  }

  @Test
  void shouldReportAnOrderStillCreating() {
    AuditRecords tampered =
        tampered(
            r -> {
              Map<String, OrderRow> orders = new TreeMap<>(r.orders());
              OrderRow d = orders.get("declined");
              orders.put(
                  "declined",
                  new OrderRow(
                      "declined", "CREATING", d.customerId(), null, null, d.lines(), d.legs()));
              return change(r).orders(orders).build();
            });

    assertThat(Auditor.audit(tampered).violations())
        .contains("not final: declined (order 1, DECLINED_CARD) is CREATING");
  }

  @Test
  void shouldReportAUnitTooManySold() {
    AuditRecords tampered = tampered(r -> change(r).onHandAfter(Map.of("MUG-BLUE", 98L)).build());

    assertThat(Auditor.audit(tampered).violations())
        .contains(
            "stock: MUG-BLUE sold 2 units (PENDING orders aside), sold orders less restocks say 1",
            "stock: MUG-BLUE sold 2 units, committed reservations less restocks 1");
  }

  @Test
  void shouldReportAWalletThatMovedMoreThanItsLegs() {
    AuditRecords tampered =
        tampered(
            r ->
                change(r)
                    .accountsAfter(
                        Map.of(
                            "cust-001:BALANCE", new Account(8_700, 1200),
                            "cust-001:POINTS", new Account(50, 0)))
                    .build());

    assertThat(Auditor.audit(tampered).violations())
        .contains(
            "ledger: account cust-001:BALANCE moved 1300, its captured legs less refunds 1200")
        .anyMatch(v -> v.startsWith("money: account cust-001:BALANCE moved 1300"));
  }

  @Test
  void shouldReportWhatTheLedgerCheckFindsWrong() {
    AuditRecords tampered =
        tampered(r -> change(r).ledgerFaults(List.of("inconsistentLegs 2", "total -700")).build());

    assertThat(Auditor.audit(tampered).violations())
        .containsExactly(
            "ledger: the payment service's ledger check fails: inconsistentLegs 2, total -700");
  }

  @Test
  void shouldReportAnOpenMismatchOfAnOrderThatIsNotPending() {
    AuditRecords tampered =
        tampered(
            r ->
                change(r)
                    .openMismatches(
                        List.of(
                            new Mismatch("paid:2", "paid", "AMOUNT_MISMATCH"),
                            new Mismatch("pending:2", "pending", "MISSING_INTERNAL")))
                    .build());

    assertThat(Auditor.audit(tampered).violations())
        .containsExactly("reconciliation: OPEN AMOUNT_MISMATCH mismatch of paid:2");
  }

  /** The consistent run's records with one thing changed. */
  private static AuditRecords tampered(UnaryOperator<AuditRecords> tamper) {
    return tamper.apply(consistentRun());
  }

  private static Change change(AuditRecords r) {
    return new Change(r);
  }

  /** A copy of a run's records with the parts a test tampers with replaced. */
  private static final class Change {
    private final AuditRecords r;
    private Map<String, OrderRow> orders;
    private Map<String, String> workflows;
    private Map<String, Long> onHandAfter;
    private Map<String, Account> accountsAfter;
    private List<Authorization> authorizations;
    private List<String> ledgerFaults;
    private List<Mismatch> openMismatches;

    Change(AuditRecords r) {
      this.r = r;
      orders = r.orders();
      workflows = r.workflows();
      onHandAfter = r.onHandAfter();
      accountsAfter = r.accountsAfter();
      authorizations = r.authorizations();
      ledgerFaults = r.ledgerFaults();
      openMismatches = r.openMismatches();
    }

    Change orders(Map<String, OrderRow> orders) {
      this.orders = orders;
      return this;
    }

    Change workflows(Map<String, String> workflows) {
      this.workflows = workflows;
      return this;
    }

    Change onHandAfter(Map<String, Long> onHandAfter) {
      this.onHandAfter = onHandAfter;
      return this;
    }

    Change accountsAfter(Map<String, Account> accountsAfter) {
      this.accountsAfter = accountsAfter;
      return this;
    }

    Change authorizations(List<Authorization> authorizations) {
      this.authorizations = authorizations;
      return this;
    }

    Change ledgerFaults(List<String> ledgerFaults) {
      this.ledgerFaults = ledgerFaults;
      return this;
    }

    Change openMismatches(List<Mismatch> openMismatches) {
      this.openMismatches = openMismatches;
      return this;
    }

    AuditRecords build() {
      return new AuditRecords(
          r.accepted(),
          orders,
          workflows,
          r.refunds(),
          r.onHandBefore(),
          onHandAfter,
          r.reservedAfter(),
          r.reservations(),
          r.accountsBefore(),
          accountsAfter,
          r.legs(),
          authorizations,
          ledgerFaults,
          openMismatches);
    }
  }

  private static <T> List<T> plus(List<T> list, T more) {
    List<T> copy = new ArrayList<>(list);
    copy.add(more);
    return copy;
  }
}
