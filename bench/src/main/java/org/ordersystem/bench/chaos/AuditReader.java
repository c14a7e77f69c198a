package org.ordersystem.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ordersystem.bench.chaos.AuditRecords.Account;
import org.ordersystem.bench.chaos.AuditRecords.Authorization;
import org.ordersystem.bench.chaos.AuditRecords.Leg;
import org.ordersystem.bench.chaos.AuditRecords.LegRow;
import org.ordersystem.bench.chaos.AuditRecords.Line;
import org.ordersystem.bench.chaos.AuditRecords.Mismatch;
import org.ordersystem.bench.chaos.AuditRecords.OrderRow;
import org.ordersystem.bench.chaos.AuditRecords.RefundRow;
import org.ordersystem.bench.chaos.AuditRecords.ReservationLine;
import org.ordersystem.bench.chaos.ShopClient.GaveUp;

/**
 * Reads the records the auditor judges straight from each party: the services' and the provider's
 * MariaDB databases over JDBC, the order workflows from Temporal, and the payment service's own
 * ledger check through the ops API. Nothing goes through the chaos client's memory but the list of
 * orders it got accepted.
 */
final class AuditReader {

  /** Stock and wallets at one moment, to compare before and after the run. */
  record Snapshot(Map<String, Long> onHand, Map<String, Account> accounts) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String serverUrl;
  private final String temporalTarget;
  private final ShopClient client;

  /**
   * @param serverUrl a JDBC URL of the MariaDB server, without a database
   */
  AuditReader(String serverUrl, String temporalTarget, ShopClient client) {
    this.serverUrl = serverUrl;
    this.temporalTarget = temporalTarget;
    this.client = client;
  }

  /** The JDBC URL of one database on the server. */
  String url(String database) {
    int query = serverUrl.indexOf('?');
    return query < 0
        ? serverUrl + "/" + database
        : serverUrl.substring(0, query) + "/" + database + serverUrl.substring(query);
  }

  Snapshot snapshot() throws SQLException {
    Map<String, Long> onHand = new TreeMap<>();
    query(
        "stock",
        "SELECT sku, on_hand FROM products",
        rs -> onHand.put(rs.getString(1), rs.getLong(2)));
    return new Snapshot(onHand, accounts());
  }

  AuditRecords read(Snapshot before, List<ClientRecord.Accepted> accepted)
      throws SQLException, IOException, GaveUp {
    Map<String, Long> onHand = new TreeMap<>();
    Map<String, Long> reserved = new TreeMap<>();
    query(
        "stock",
        "SELECT sku, on_hand, reserved FROM products",
        rs -> {
          onHand.put(rs.getString(1), rs.getLong(2));
          reserved.put(rs.getString(1), rs.getLong(3));
        });
    List<ReservationLine> reservations = new ArrayList<>();
    query(
        "stock",
        "SELECT r.reservation_id, r.state, l.sku, l.quantity, l.restocked"
            + " FROM reservations r JOIN reservation_lines l ON l.reservation_id = r.reservation_id",
        rs ->
            reservations.add(
                new ReservationLine(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getLong(4),
                    rs.getLong(5))));
    List<LegRow> legs = new ArrayList<>();
    query(
        "payment",
        "SELECT l.payment_id, l.leg_id, l.customer_id, l.source_type, l.amount,"
            + " l.refunded_amount, f.state FROM payment_legs l JOIN tcc_fence f"
            + " ON f.payment_id = l.payment_id AND f.leg_id = l.leg_id",
        rs ->
            legs.add(
                new LegRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getLong(5),
                    rs.getLong(6),
                    rs.getString(7))));
    List<Authorization> authorizations = new ArrayList<>();
    query(
        "psp",
        "SELECT reference, amount, captured_amount, refunded_amount, state"
            + " FROM authorizations",
        rs ->
            authorizations.add(
                new Authorization(
                    rs.getString(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getString(5))));
    List<Mismatch> open = new ArrayList<>();
    query(
        "reconciliation",
        "SELECT reference, payment_id, mismatch_class FROM recon_mismatches"
            + " WHERE state = 'OPEN'",
        rs -> open.add(new Mismatch(rs.getString(1), rs.getString(2), rs.getString(3))));
    List<String> ledgerFaults =
        ledgerFaults(client.operator("GET", "/api/v1/ops/ledger", null).body());
    return new AuditRecords(
        accepted,
        orders(),
        workflows(accepted),
        refunds(),
        before.onHand(),
        onHand,
        reserved,
        reservations,
        before.accounts(),
        accounts(),
        legs,
        authorizations,
        ledgerFaults,
        open);
  }

  /**
   * What a ledger check ({@code GET /ops/ledger}) finds wrong: each count that must be 0 and is
   * not, or the whole answer when it has no verdict or its verdict is not {@code balanced} for
   * another reason.
   */
  static List<String> ledgerFaults(JsonNode check) {
    if (!check.has("balanced")) {
      return List.of("no verdict: " + check);
    }
    List<String> faults = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : check.properties()) {
      boolean mustBeZero = field.getValue().isNumber() && !field.getKey().equals("entries");
      if (mustBeZero && field.getValue().asLong() != 0) {
        faults.add(field.getKey() + " " + field.getValue().asLong());
      }
    }
    if (faults.isEmpty() && !check.path("balanced").asBoolean(false)) {
      faults.add("not balanced: " + check);
    }
    return faults;
  }

  private Map<String, Account> accounts() throws SQLException {
    Map<String, Account> accounts = new TreeMap<>();
    // Posted money is what was credited less what was debited, both posted; pending is held.
    query(
        "payment",
        "SELECT holder, kind, credits_posted - debits_posted, debits_pending"
            + " FROM ledger_accounts WHERE holder <> '@system'",
        rs ->
            accounts.put(
                rs.getString(1) + ":" + rs.getString(2),
                new Account(rs.getLong(3), rs.getLong(4))));
    return accounts;
  }

  private Map<String, OrderRow> orders() throws SQLException {
    Map<String, List<Line>> lines = new HashMap<>();
    query(
        "orders",
        "SELECT order_id, sku, quantity FROM order_lines ORDER BY order_id, line_no",
        rs ->
            lines
                .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(new Line(rs.getString(2), rs.getLong(3))));
    Map<String, OrderRow> orders = new TreeMap<>();
    query(
        "orders",
        "SELECT order_id, status, customer_id, pending_step, pending_reason, legs" + " FROM orders",
        rs ->
            orders.put(
                rs.getString(1),
                new OrderRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    lines.getOrDefault(rs.getString(1), List.of()),
                    legs(rs.getString(6)))));
    return orders;
  }

  private List<RefundRow> refunds() throws SQLException {
    List<RefundRow> refunds = new ArrayList<>();
    query(
        "orders",
        "SELECT order_id, refund_id, status, refund_lines, leg_refunds FROM refunds",
        rs -> {
          List<Line> lines = new ArrayList<>();
          for (JsonNode l : json(rs.getString(4))) {
            lines.add(new Line(l.path("sku").asText(), l.path("quantity").asLong()));
          }
          refunds.add(
              new RefundRow(
                  rs.getString(1), rs.getString(2), rs.getString(3), lines, legs(rs.getString(5))));
        });
    return refunds;
  }

  /** The accepted orders' workflows, by order id, with the OrderStatus Temporal indexed. */
  private Map<String, String> workflows(List<ClientRecord.Accepted> accepted) throws IOException {
    Map<String, String> found = new HashMap<>();
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build());
    try {
      for (ClientRecord.Accepted a : accepted) {
        try {
          DescribeWorkflowExecutionResponse described =
              service
                  .blockingStub()
                  .describeWorkflowExecution(
                      DescribeWorkflowExecutionRequest.newBuilder()
                          .setNamespace("default")
                          .setExecution(
                              WorkflowExecution.newBuilder().setWorkflowId("order-" + a.orderId()))
                          .build());
          found.put(a.orderId(), orderStatus(described));
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
            throw e;
          }
        }
      }
    } finally {
      service.shutdown();
    }
    return found;
  }

  /** The OrderStatus search attribute: a JSON string, never encrypted; empty when unset. */
  private static String orderStatus(DescribeWorkflowExecutionResponse described)
      throws IOException {
    Payload status =
        described
            .getWorkflowExecutionInfo()
            .getSearchAttributes()
            .getIndexedFieldsMap()
            .get("OrderStatus");
    return status == null ? "" : JSON.readTree(status.getData().toByteArray()).asText();
  }

  private static List<Leg> legs(String column) {
    List<Leg> legs = new ArrayList<>();
    for (JsonNode l : json(column)) {
      legs.add(
          new Leg(l.path("legId").asText(), l.path("type").asText(), l.path("amount").asLong()));
    }
    return legs;
  }

  private static JsonNode json(String column) {
    try {
      return JSON.readTree(column);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable JSON column: " + column, e);
    }
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private void query(String database, String sql, RowReader reader) throws SQLException {
    try (Connection c = DriverManager.getConnection(url(database), "root", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        reader.read(rs);
      }
    }
  }
}
