package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.reconciliation.ReconciliationSettings;
import org.ordersystem.workflows.recovery.RecoverySettings;

/**
 * An operator terminates an order's workflow by mistake while it holds stock and money, then
 * repairs it as the API's answer says: a reset to the last workflow task. Needs a real server
 * ({@code temporal server start-dev}, the default; the in-process one has no reset).
 */
class WorkflowResetIntegrationTest {

  private static final String SHOP_KEY = "reset-shop-key";
  private static final String OPERATOR_KEY = "reset-operator-key";

  private static LocalStack stack;
  private static WorkflowServiceStubs stubs;
  private static WorkflowClient temporal;
  private static ApiClient shop;
  private static ApiClient operator;

  @BeforeAll
  static void startStackOnTheDevServer() throws Exception {
    stack =
        E2eStacks.start(
            "orders-reset-e2e",
            "dev",
            SHOP_KEY,
            OPERATOR_KEY,
            Duration.ofMinutes(2),
            RecoverySettings.defaults(),
            null,
            ReconciliationSettings.defaults());
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalTarget()).build());
    temporal =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder()
                .setNamespace("default")
                .setDataConverter(stack.payloadEncryption().dataConverter())
                .build());
    shop = new ApiClient(stack.apiPort(), SHOP_KEY);
    operator = new ApiClient(stack.apiPort(), OPERATOR_KEY);
  }

  @AfterAll
  static void stopStack() {
    if (stubs != null) {
      stubs.shutdown();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void shouldResumeATerminatedOrderAfterAResetAndChargeItOnce() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    Wallet before = Wallet.of(operator, Orders.CUSTOMER);
    operator.put("/api/v1/dev/faults/shipping", "{\"outage\":true}");
    String orderId = Orders.placeOne(shop, price);
    String workflowId = PlaceOrderRequest.workflowId(orderId);
    awaitStep(orderId, "REGISTER_SHIPPING");

    temporal.newUntypedWorkflowStub(workflowId).terminate("terminated by mistake (test)");
    operator.delete("/api/v1/dev/faults/shipping");
    Wallet held = Wallet.of(operator, Orders.CUSTOMER);
    ApiClient.Answer retry = operator.post("/api/v1/ops/orders/" + orderId + "/retry", null, "{}");

    assertThat(held.balancePending())
        .as("a terminated order still holds its money")
        .isEqualTo(before.balancePending() + price);
    assertThat(retry.status()).as(String.valueOf(retry.body())).isEqualTo(409);
    assertThat(retry.body().path("type").asText()).endsWith(":workflow-not-running");
    assertThat(retry.body().path("detail").asText())
        .contains("Reset workflow " + workflowId, "LastWorkflowTask");

    resetToLastWorkflowTask(workflowId);
    JsonNode order = Orders.awaitStatus(shop, orderId, "COMPLETED", Duration.ofSeconds(60));

    assertThat(order.path("trackingNumber").asText()).isNotBlank();
    Wallet after = Wallet.of(operator, Orders.CUSTOMER);
    assertThat(after.balanceAvailable())
        .as("charged once")
        .isEqualTo(before.balanceAvailable() - price);
    assertThat(after.balancePending()).isEqualTo(before.balancePending());
    Wallet.assertLedgerBalanced(operator);
  }

  private static void awaitStep(String orderId, String step) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> step.equals(shop.get("/api/v1/orders/" + orderId).body().path("step").asText()));
  }

  /** What {@code temporal workflow reset --type LastWorkflowTask} does. */
  private static void resetToLastWorkflowTask(String workflowId) {
    List<HistoryEvent> events = temporal.fetchHistory(workflowId).getHistory().getEventsList();
    long lastCompletedTask =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
            .mapToLong(HistoryEvent::getEventId)
            .max()
            .orElseThrow();
    stubs
        .blockingStub()
        .resetWorkflowExecution(
            ResetWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .setReason("resume after a mistaken terminate (test)")
                .setWorkflowTaskFinishEventId(lastCompletedTask)
                .setRequestId(UUID.randomUUID().toString())
                .build());
  }
}
