package org.ordersystem.services.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.payment.PaymentRequests.authorize;
import static org.ordersystem.services.payment.PaymentRequests.capture;
import static org.ordersystem.services.payment.PaymentRequests.get;
import static org.ordersystem.services.support.StatusAssert.failsWith;

import io.grpc.Status;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.ordersystem.embeddeddb.EmbeddedMariaDb;
import org.ordersystem.proto.payment.v1.Account;
import org.ordersystem.proto.payment.v1.Leg;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.services.common.ServiceDatabase;
import org.ordersystem.services.support.PaymentStack;
import org.ordersystem.services.support.TestDatabases;

/** A data directory from the BALANCE-only V1 keeps every yen and every open leg after V2. */
class PaymentMigrationIntegrationTest {

  @Test
  void shouldCarryV1WalletsAndLegsOverAsJournalEntries() throws Exception {
    EmbeddedMariaDb db = EmbeddedMariaDb.shared();
    String url = TestDatabases.freshUrl("payment");
    Flyway.configure()
        .dataSource(url, db.user(), db.password())
        .locations("classpath:db/payment/migration")
        .target("1")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url, db.user(), db.password());
        Statement sql = c.createStatement()) {
      // cust-001 as the V1 seed left it and orders moved it; v1-rich with one leg in each state.
      sql.executeUpdate(
          "INSERT INTO accounts (customer_id, posted, pending) VALUES"
              + " ('cust-001', 49000000, 0), ('v1-rich', 9000, 1500), ('v1-empty', 0, 0)");
      sql.executeUpdate(
          "INSERT INTO payment_legs (payment_id, leg_id, customer_id, source_type, amount, state)"
              + " VALUES ('pay-a', '1', 'v1-rich', 'BALANCE', 1500, 'AUTHORIZED'),"
              + " ('pay-b', '1', 'v1-rich', 'BALANCE', 1000, 'CAPTURED'),"
              + " ('pay-c', '1', 'v1-rich', 'BALANCE', 700, 'VOIDED'),"
              + " ('pay-d', '1', NULL, NULL, 0, 'VOIDED')");
    }

    try (PaymentStack stack =
        PaymentStack.start(ServiceDatabase.open("payment", url, db.user(), db.password(), true))) {
      PaymentServiceBlockingStub payment = stack.payment();
      assertThat(stack.account("v1-rich"))
          .isEqualTo(
              Account.newBuilder()
                  .setCustomerId("v1-rich")
                  .setPosted(9_000)
                  .setPending(1_500)
                  .setAvailable(7_500)
                  .build());
      assertThat(stack.account("v1-empty").getPosted()).isZero();
      // The seed adds what V1 lacked (points) and never resets what orders moved.
      Account seeded = stack.account("cust-001");
      assertThat(seeded.getPosted()).isEqualTo(49_000_000);
      assertThat(seeded.getPointsPosted()).isEqualTo(1_000_000);
      assertThat(stack.account("cust-002").getPosted()).isEqualTo(50_000_000);
      assertThat(stateOf(payment, "pay-a")).isEqualTo(LegState.LEG_STATE_AUTHORIZED);
      assertThat(stateOf(payment, "pay-b")).isEqualTo(LegState.LEG_STATE_CAPTURED);
      assertThat(stateOf(payment, "pay-c")).isEqualTo(LegState.LEG_STATE_VOIDED);
      assertThat(payment.getPayment(get("pay-d")).getLegs(0))
          .isEqualTo(Leg.newBuilder().setLegId("1").setState(LegState.LEG_STATE_VOIDED).build());
      assertThat(stack.systemPosted("MERCHANT_RECEIVABLE")).isEqualTo(1_000);
      stack.assertLedgerClean();

      assertThat(payment.captureLeg(capture("pay-a")).getState())
          .isEqualTo(LegState.LEG_STATE_CAPTURED);
      failsWith(
          Status.Code.FAILED_PRECONDITION,
          "ALREADY_CLOSED",
          () -> payment.authorizeLeg(authorize("pay-d", "v1-rich", 100)));
      payment.authorizeLeg(
          authorize("pay-e", "1", "v1-rich", SourceType.SOURCE_TYPE_BALANCE, 7_500));
      assertThat(stack.account("v1-rich").getAvailable()).isZero();
      assertThat(stack.account("v1-rich").getPosted()).isEqualTo(7_500);
      stack.assertLedgerClean();
    }
  }

  private static LegState stateOf(PaymentServiceBlockingStub payment, String paymentId) {
    return payment.getPayment(get(paymentId)).getLegs(0).getState();
  }
}
