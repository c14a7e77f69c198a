package org.ordersystem.services.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import org.ordersystem.proto.faults.v1.Faults;
import org.ordersystem.proto.faults.v1.SetFaultsRequest;
import org.ordersystem.proto.payment.v1.Account;
import org.ordersystem.proto.payment.v1.CheckLedgerRequest;
import org.ordersystem.proto.payment.v1.CheckLedgerResponse;
import org.ordersystem.proto.payment.v1.ListAccountsRequest;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.psp.v1.Authorization;
import org.ordersystem.proto.psp.v1.GetAuthorizationRequest;
import org.ordersystem.proto.psp.v1.PspServiceGrpc;
import org.ordersystem.proto.psp.v1.PspServiceGrpc.PspServiceBlockingStub;
import org.ordersystem.services.payment.PaymentServer;
import org.ordersystem.services.psp.PspServer;

/**
 * The payment service wired to the simulated provider, both in process on fresh seeded databases,
 * the provider on a clock the test moves.
 */
public final class PaymentStack implements AutoCloseable {

  /** The provider's authorization lifetime in these tests. */
  public static final Duration TTL = Duration.ofHours(24);

  private final MutableClock clock;
  private final InProcessService<PspServer> psp;
  private final InProcessService<PaymentServer> payment;

  private PaymentStack(
      MutableClock clock,
      InProcessService<PspServer> psp,
      InProcessService<PaymentServer> payment) {
    this.clock = clock;
    this.psp = psp;
    this.payment = payment;
  }

  public static PaymentStack start() {
    return start(TestDatabases.freshSeeded("payment"));
  }

  /** Serves a payment database prepared by the caller, for example one migrated from V1. */
  public static PaymentStack start(HikariDataSource paymentDb) {
    MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    InProcessService<PspServer> psp =
        InProcessService.start("psp", (builder, db) -> new PspServer(builder, db, clock, TTL));
    InProcessService<PaymentServer> payment =
        InProcessService.start(
            paymentDb, (builder, db) -> new PaymentServer(builder, db, psp.channel()));
    return new PaymentStack(clock, psp, payment);
  }

  public PaymentServiceBlockingStub payment() {
    return PaymentServiceGrpc.newBlockingStub(payment.channel());
  }

  public PspServiceBlockingStub psp() {
    return PspServiceGrpc.newBlockingStub(psp.channel());
  }

  public InProcessService<PaymentServer> paymentService() {
    return payment;
  }

  public InProcessService<PspServer> pspService() {
    return psp;
  }

  public MutableClock clock() {
    return clock;
  }

  /** Replaces the faults of the payment service or the provider. */
  public static void setFaults(InProcessService<?> service, Faults faults) {
    service.faultControl().setFaults(SetFaultsRequest.newBuilder().setFaults(faults).build());
  }

  /** Clears the faults of both. */
  public void clearFaults() {
    setFaults(payment, Faults.getDefaultInstance());
    setFaults(psp, Faults.getDefaultInstance());
  }

  /**
   * Opens a wallet with {@code balance} JPY and {@code points} points, each funded by an opening
   * entry as the seed funds the demo wallets.
   */
  public void openWallet(String customerId, long balance, long points) {
    open(customerId, "BALANCE", balance, "OPENING_EQUITY");
    open(customerId, "POINTS", points, "POINTS_FUNDING");
  }

  private void open(String customerId, String kind, long amount, String funding) {
    String ref = "opening:" + customerId + ":" + kind;
    payment.execute(
        "INSERT INTO ledger_accounts (holder, kind, credits_posted) VALUES (?, ?, ?)",
        customerId,
        kind,
        amount);
    payment.execute("INSERT INTO journal_entries (entry_ref, kind) VALUES (?, 'OPENING')", ref);
    long entry = payment.queryLong("SELECT entry_id FROM journal_entries WHERE entry_ref = ?", ref);
    payment.execute(
        "INSERT INTO journal_lines (entry_id, line_no, account_id, amount)"
            + " SELECT ?, 1, account_id, ? FROM ledger_accounts WHERE holder = ? AND kind = ?",
        entry,
        amount,
        customerId,
        kind);
    payment.execute(
        "INSERT INTO journal_lines (entry_id, line_no, account_id, amount)"
            + " SELECT ?, 2, account_id, ? FROM ledger_accounts"
            + " WHERE holder = '@system' AND kind = ?",
        entry,
        -amount,
        funding);
  }

  public Account account(String customerId) {
    return payment()
        .listAccounts(ListAccountsRequest.newBuilder().addCustomerIds(customerId).build())
        .getAccounts(0);
  }

  /** The provider's authorization of a leg, found by our reference. */
  public Authorization authorizationOf(String paymentId, String legId) {
    return psp()
        .getAuthorization(
            GetAuthorizationRequest.newBuilder().setReference(paymentId + ":" + legId).build());
  }

  /** Posted balance of a system account, summed from its lines, refunds included. */
  public long systemPosted(String kind) {
    return payment.queryLong(
        "SELECT COALESCE(SUM(l.amount), 0) FROM journal_lines l"
            + " JOIN journal_entries e ON e.entry_id = l.entry_id"
            + " JOIN ledger_accounts a ON a.account_id = l.account_id"
            + " WHERE a.holder = '@system' AND a.kind = ?"
            + " AND e.kind IN ('OPENING', 'POST', 'REFUND')",
        kind);
  }

  /** Requires every audit of CheckLedger to come back clean, and returns it. */
  public CheckLedgerResponse assertLedgerClean() {
    CheckLedgerResponse check = payment().checkLedger(CheckLedgerRequest.getDefaultInstance());
    assertThat(check.getEntries()).as("entries").isPositive();
    assertThat(check.toBuilder().clearEntries().build())
        .as("ledger audit %s", check)
        .isEqualTo(CheckLedgerResponse.getDefaultInstance());
    return check;
  }

  /** InnoDB's deadlock counter of the shared server, to require that none happened meanwhile. */
  public long deadlocks() {
    return payment.queryLong(
        "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
            + " WHERE VARIABLE_NAME = 'INNODB_DEADLOCKS'");
  }

  @Override
  public void close() throws InterruptedException {
    payment.close();
    psp.close();
  }
}
