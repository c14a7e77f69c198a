package org.ordersystem.api.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.ordersystem.api.ApiFixtures.SHOP_ID;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.ordersystem.api.ApiFixtures.validOrder;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

/**
 * POST /orders past the bound on placements in flight (1 in these tests, Retry-After 2 s): the
 * first placement is held inside the workflow gateway while a second one arrives.
 */
class PlaceOrderAdmissionTest extends OrderSliceSupport {

  private final ExecutorService firstClient = Executors.newSingleThreadExecutor();
  private final CountDownLatch firstEntered = new CountDownLatch(1);
  private final CountDownLatch releaseFirst = new CountDownLatch(1);

  @AfterEach
  void letTheHeldPlacementFinish() throws InterruptedException {
    releaseFirst.countDown();
    firstClient.shutdown();
    assertThat(firstClient.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void shouldShedAPlacementBeforeItsKeyIsClaimedAndAcceptTheSameRequestOnceThereIsRoom()
      throws Exception {
    Future<MvcResult> first = holdOnePlacement("key-1");

    var shed = postOrder(SHOP_KEY, "key-2", validOrder().toString());

    assertProblem(shed, 429);
    shed.andExpect(header().string("Retry-After", "2"))
        .andExpect(jsonPath("$.type").value("urn:ordersystem:problem:too-many-placements"));
    verify(idempotencyKeys, never()).claim(anyString(), eq("key-2"), anyString(), anyString());
    verify(workflows, times(1)).place(any(), any());
    verify(catalog, times(1)).forPricing(any());

    releaseFirst.countDown();
    assertThat(first.get(30, TimeUnit.SECONDS).getResponse().getStatus()).isEqualTo(201);

    postOrder(SHOP_KEY, "key-2", validOrder().toString()).andExpect(status().isCreated());
    verify(idempotencyKeys).claim(eq(SHOP_ID), eq("key-2"), anyString(), anyString());
    verify(workflows, times(2)).place(any(), any());
  }

  @Test
  void shouldStillAnswerABodyThatIsNotAnOrderWith400AtTheBound() throws Exception {
    holdOnePlacement("key-1");

    assertProblem(postOrder(SHOP_KEY, "key-2", "[]"), 400);
  }

  /** Starts a placement that waits inside the workflow gateway until {@link #releaseFirst}. */
  private Future<MvcResult> holdOnePlacement(String idempotencyKey) throws InterruptedException {
    AtomicBoolean first = new AtomicBoolean(true);
    when(workflows.place(any(), any()))
        .thenAnswer(
            inv -> {
              if (first.getAndSet(false)) {
                firstEntered.countDown();
                releaseFirst.await(30, TimeUnit.SECONDS);
              }
              return PlaceOrderTest.decided(inv.getArgument(0));
            });
    Future<MvcResult> held =
        firstClient.submit(
            () -> postOrder(SHOP_KEY, idempotencyKey, validOrder().toString()).andReturn());
    assertThat(firstEntered.await(30, TimeUnit.SECONDS))
        .as("the first placement reached the workflow gateway")
        .isTrue();
    return held;
  }
}
