package org.ordersystem.api.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.ordersystem.api.ApiFixtures.JSON;
import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.SHOP_ID;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.ordersystem.api.ApiFixtures.mixedOrder;
import static org.ordersystem.api.ApiFixtures.orderView;
import static org.ordersystem.api.ApiFixtures.storedOrder;
import static org.ordersystem.api.ApiFixtures.validOrder;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.readmodel.RestIdempotencyKeys.Claim;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.SourceType;

/** POST /orders once the request is valid: idempotency, Update-with-Start outcomes, answers. */
class PlaceOrderTest extends OrderSliceSupport {

  @Test
  void shouldAnswer201WithLocationWhenTheOrderIsAcceptedInTime() throws Exception {
    when(workflows.place(any(), any())).thenAnswer(inv -> decided(inv.getArgument(0)));

    postOrder(SHOP_KEY, "key-1", validOrder().toString())
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/orders/")))
        .andExpect(jsonPath("$.status").value("CREATING"))
        .andExpect(jsonPath("$.step").value("REGISTER_SHIPPING"))
        .andExpect(jsonPath("$.stepsDone[1]").value("AUTHORIZE_PAYMENT"))
        .andExpect(jsonPath("$.total").value(3200))
        .andExpect(jsonPath("$.customerId").value("cust-1"))
        .andExpect(jsonPath("$.lines[0].sku").value("SKU-1"))
        .andExpect(jsonPath("$.lines[0].unitPrice").value(1200))
        .andExpect(jsonPath("$.lines[0].amount").value(2400))
        .andExpect(jsonPath("$.payment.legs[0].type").value("BALANCE"))
        .andExpect(jsonPath("$.payment.legs[0].state").value("AUTHORIZED"))
        .andExpect(jsonPath("$.reason").isEmpty());
  }

  @Test
  void shouldStartTheWorkflowWithCatalogPricesForTheClaimedOrderId() throws Exception {
    when(workflows.place(any(), any())).thenAnswer(inv -> decided(inv.getArgument(0)));

    postOrder(SHOP_KEY, "key-1", validOrder().toString()).andExpect(status().isCreated());

    ArgumentCaptor<String> hash = ArgumentCaptor.forClass(String.class);
    ArgumentCaptor<String> orderId = ArgumentCaptor.forClass(String.class);
    verify(idempotencyKeys).claim(eq(SHOP_ID), eq("key-1"), hash.capture(), orderId.capture());
    assertThat(hash.getValue()).matches("[0-9a-f]{64}");
    ArgumentCaptor<PlaceOrderRequest> request = ArgumentCaptor.forClass(PlaceOrderRequest.class);
    verify(workflows).place(request.capture(), eq(Duration.ofSeconds(5)));
    PlaceOrderRequest r = request.getValue();
    assertThat(r.orderId()).isEqualTo(orderId.getValue());
    assertThat(r.shopId()).isEqualTo(SHOP_ID);
    assertThat(r.total()).isEqualTo(3200);
    assertThat(r.lines())
        .containsExactly(new OrderLine("SKU-1", 2, 1200), new OrderLine("SKU-2", 1, 800));
    assertThat(r.paymentSources())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.type()).isEqualTo(SourceType.BALANCE);
              assertThat(s.amount()).isEqualTo(3200);
            });
    assertThat(r.shippingAddress().line2()).isNull();
  }

  @Test
  void shouldStartTheWorkflowWithEverySourceInTheRequestsOrder() throws Exception {
    when(workflows.place(any(), any())).thenAnswer(inv -> decided(inv.getArgument(0)));

    postOrder(SHOP_KEY, "key-1", mixedOrder().toString()).andExpect(status().isCreated());

    ArgumentCaptor<PlaceOrderRequest> request = ArgumentCaptor.forClass(PlaceOrderRequest.class);
    verify(workflows).place(request.capture(), any());
    assertThat(request.getValue().paymentSources())
        .containsExactly(
            new PaymentSource(SourceType.BALANCE, 2000, null),
            new PaymentSource(SourceType.POINTS, 500, null),
            new PaymentSource(SourceType.CARD, 700, "tok_ok"));
  }

  @Test
  void shouldAnswer202WithOneNewLegPerSource() throws Exception {
    when(workflows.place(any(), any())).thenReturn(new PlacementOutcome.Undecided());
    when(readModel.find(anyString())).thenReturn(Optional.empty());

    postOrder(SHOP_KEY, "key-1", mixedOrder().toString())
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.payment.legs[*].legId", contains("1", "2", "3")))
        .andExpect(jsonPath("$.payment.legs[*].type", contains("BALANCE", "POINTS", "CARD")))
        .andExpect(jsonPath("$.payment.legs[*].amount", contains(2000, 500, 700)))
        .andExpect(jsonPath("$.payment.legs[*].state", contains("NEW", "NEW", "NEW")));
  }

  @Test
  void shouldReplayTheSameOrderWith200ForTheSameKeyAndBody() throws Exception {
    when(idempotencyKeys.claim(eq(SHOP_ID), eq("key-1"), anyString(), anyString()))
        .thenReturn(new Claim("order-first", true, true))
        .thenReturn(new Claim("order-first", false, true));
    when(workflows.place(any(), any())).thenAnswer(inv -> decided(inv.getArgument(0)));

    postOrder(SHOP_KEY, "key-1", validOrder().toString())
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.orderId").value("order-first"));
    postOrder(SHOP_KEY, "key-1", validOrder().toString())
        .andExpect(status().isOk())
        .andExpect(header().string("Location", "/api/v1/orders/order-first"))
        .andExpect(jsonPath("$.orderId").value("order-first"));
  }

  @Test
  void shouldFingerprintTheSameRequestTheSameWhateverTheLineOrder() throws Exception {
    ObjectNode reordered = validOrder();
    ArrayNode lines = (ArrayNode) reordered.get("lines");
    reordered.set("lines", JSON.createArrayNode().add(lines.get(1)).add(lines.get(0)));
    ObjectNode otherAmount = validOrder();
    ((ObjectNode) otherAmount.get("lines").get(0)).put("quantity", 3);
    ((ObjectNode) otherAmount.get("payment").get("sources").get(0)).put("amount", 4400);
    when(workflows.place(any(), any())).thenAnswer(inv -> decided(inv.getArgument(0)));

    postOrder(SHOP_KEY, "k1", validOrder().toString());
    postOrder(SHOP_KEY, "k2", reordered.toString());
    postOrder(SHOP_KEY, "k3", otherAmount.toString());

    ArgumentCaptor<String> hashes = ArgumentCaptor.forClass(String.class);
    verify(idempotencyKeys, org.mockito.Mockito.times(3))
        .claim(eq(SHOP_ID), anyString(), hashes.capture(), anyString());
    List<String> h = hashes.getAllValues();
    assertThat(h.get(0)).isEqualTo(h.get(1)).isNotEqualTo(h.get(2));
  }

  @Test
  void shouldAnswer422AndStartNothingWhenTheKeyWasUsedForAnotherBody() throws Exception {
    when(idempotencyKeys.claim(anyString(), anyString(), anyString(), anyString()))
        .thenReturn(new Claim("order-first", false, false));

    var result = postOrder(SHOP_KEY, "key-1", validOrder().toString());

    assertProblem(result, 422);
    result
        .andExpect(jsonPath("$.type").value("urn:ordersystem:problem:idempotency-conflict"))
        .andExpect(jsonPath("$.title").value("Idempotency-Key reused with a different body"));
    verify(workflows, never()).place(any(), any());
  }

  @Test
  void shouldAnswer202WithCreatingWhenTheDecisionTakesLonger() throws Exception {
    when(workflows.place(any(), any())).thenReturn(new PlacementOutcome.Undecided());
    when(readModel.find(anyString())).thenReturn(Optional.empty());

    postOrder(SHOP_KEY, "key-1", validOrder().toString())
        .andExpect(status().isAccepted())
        .andExpect(header().exists("Location"))
        .andExpect(jsonPath("$.status").value("CREATING"))
        .andExpect(jsonPath("$.step").value("RESERVE_STOCK"))
        .andExpect(jsonPath("$.total").value(3200))
        .andExpect(jsonPath("$.lines[1].unitPrice").value(800))
        .andExpect(jsonPath("$.payment.legs[0].legId").value("1"))
        .andExpect(jsonPath("$.payment.legs[0].state").value("NEW"));
  }

  @Test
  void shouldAnswerFromTheReadModelWhenTheWorkflowAlreadyFinished() throws Exception {
    when(idempotencyKeys.claim(anyString(), anyString(), anyString(), anyString()))
        .thenReturn(new Claim("order-done", false, true));
    when(workflows.place(any(), any())).thenReturn(new PlacementOutcome.AlreadyClosed());
    when(readModel.find("order-done"))
        .thenReturn(Optional.of(storedOrder("order-done", SHOP_ID, OrderStatus.COMPLETED)));

    postOrder(SHOP_KEY, "key-1", validOrder().toString())
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.orderId").value("order-done"))
        .andExpect(jsonPath("$.status").value("COMPLETED"));
  }

  @Test
  void shouldAnswer503WhenTemporalIsUnreachable() throws Exception {
    when(workflows.place(any(), any()))
        .thenThrow(new ApiProblem(ProblemType.SERVICE_UNAVAILABLE, "Temporal is down."));

    assertProblem(postOrder(SHOP_KEY, "key-1", validOrder().toString()), 503);
  }

  @Test
  void shouldAnswer500WithoutInternalsOnAnUnexpectedError() throws Exception {
    when(workflows.place(any(), any())).thenThrow(new IllegalStateException("secret detail"));

    var result = postOrder(SHOP_KEY, "key-1", validOrder().toString());

    assertProblem(result, 500);
    assertThat(result.andReturn().getResponse().getContentAsString())
        .doesNotContain("secret detail")
        .doesNotContain("IllegalStateException");
  }

  @Test
  void shouldRefuseOrdersFromOperatorKeys() throws Exception {
    assertProblem(postOrder(OPERATOR_KEY, "key-1", validOrder().toString()), 403);
  }

  static PlacementOutcome decided(PlaceOrderRequest r) {
    OrderView stored = orderView(r.orderId(), r.shopId(), OrderStatus.CREATING);
    return new PlacementOutcome.Decided(
        new OrderView(
            r.orderId(),
            r.shopId(),
            r.customerId(),
            OrderStatus.CREATING,
            OrderStep.REGISTER_SHIPPING,
            stored.stepsDone(),
            r.total(),
            null,
            null,
            r.lines(),
            stored.legs(),
            null,
            2,
            stored.createdAt(),
            stored.updatedAt()));
  }
}
