package org.ordersystem.services.psp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.support.StatusAssert.failsWith;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.faults.v1.Faults;
import org.ordersystem.proto.psp.v1.Authorization;
import org.ordersystem.proto.psp.v1.AuthorizationState;
import org.ordersystem.proto.psp.v1.AuthorizeRequest;
import org.ordersystem.proto.psp.v1.CaptureRequest;
import org.ordersystem.proto.psp.v1.ListEventsRequest;
import org.ordersystem.proto.psp.v1.ListEventsResponse;
import org.ordersystem.proto.psp.v1.PaymentEvent;
import org.ordersystem.proto.psp.v1.PaymentEventType;
import org.ordersystem.proto.psp.v1.PspEventFeedGrpc;
import org.ordersystem.proto.psp.v1.PspEventFeedGrpc.PspEventFeedBlockingStub;
import org.ordersystem.proto.psp.v1.PspServiceGrpc;
import org.ordersystem.proto.psp.v1.PspServiceGrpc.PspServiceBlockingStub;
import org.ordersystem.proto.psp.v1.RefundRequest;
import org.ordersystem.proto.psp.v1.VoidRequest;
import org.ordersystem.services.support.InProcessService;
import org.ordersystem.services.support.MutableClock;
import org.ordersystem.services.support.PaymentStack;

/** The provider's event feed: one event per change, and delivery as rough as the faults ask. */
class PspEventFeedIntegrationTest {

  private static final Duration TTL = Duration.ofHours(1);

  private static MutableClock clock;
  private static InProcessService<PspServer> service;
  private static PspServiceBlockingStub psp;
  private static PspEventFeedBlockingStub feed;

  @BeforeAll
  static void start() {
    clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    service =
        InProcessService.start("psp", (builder, db) -> new PspServer(builder, db, clock, TTL));
    psp = PspServiceGrpc.newBlockingStub(service.channel());
    feed = PspEventFeedGrpc.newBlockingStub(service.channel());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    service.close();
  }

  @AfterEach
  void healthy() {
    PaymentStack.setFaults(service, Faults.getDefaultInstance());
  }

  @Test
  void shouldPublishEveryChangeOnceInSequenceWithTheTotalsAfterIt() {
    String reference = reference();
    Authorization auth = authorize(reference, 5_000);
    CaptureRequest capture = capture(auth, 5_000);
    psp.capture(capture);
    psp.capture(capture); // a replay changes nothing, so it publishes nothing
    psp.refund(refund(auth, 1_200));

    List<PaymentEvent> events = eventsOf(reference, pullAll());

    assertThat(events)
        .extracting(PaymentEvent::getSequence, PaymentEvent::getType, PaymentEvent::getAmount)
        .containsExactly(
            tuple(1L, PaymentEventType.PAYMENT_EVENT_TYPE_AUTHORIZED, 5_000L),
            tuple(2L, PaymentEventType.PAYMENT_EVENT_TYPE_CAPTURED, 5_000L),
            tuple(3L, PaymentEventType.PAYMENT_EVENT_TYPE_REFUNDED, 1_200L));
    PaymentEvent last = events.get(2);
    assertThat(last.getState()).isEqualTo(AuthorizationState.AUTHORIZATION_STATE_CAPTURED);
    assertThat(last.getCapturedAmount()).isEqualTo(5_000);
    assertThat(last.getRefundedAmount()).isEqualTo(1_200);
    assertThat(last.getAuthorizationId()).isEqualTo(auth.getAuthorizationId());
    assertThat(events).extracting(PaymentEvent::getEventId).doesNotHaveDuplicates();
  }

  @Test
  void shouldPublishVoidsBarriersAndExpiries() {
    String voided = reference();
    authorize(voided, 700);
    psp.void_(voidByReference(voided));
    String barred = reference();
    psp.void_(voidByReference(barred));
    String lapsing = reference();
    authorize(lapsing, 900);

    clock.advance(TTL.plusSeconds(1));
    pullAll(); // publishes the expiry, served once it has settled
    Map<String, PaymentEvent> all = pullAll();

    assertThat(eventsOf(voided, all))
        .extracting(PaymentEvent::getType)
        .containsExactly(
            PaymentEventType.PAYMENT_EVENT_TYPE_AUTHORIZED,
            PaymentEventType.PAYMENT_EVENT_TYPE_VOIDED);
    assertThat(eventsOf(barred, all))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo(PaymentEventType.PAYMENT_EVENT_TYPE_VOIDED);
              assertThat(e.getAuthorizedAmount()).isZero();
            });
    assertThat(eventsOf(lapsing, all))
        .extracting(PaymentEvent::getType, PaymentEvent::getState)
        .containsExactly(
            tuple(
                PaymentEventType.PAYMENT_EVENT_TYPE_AUTHORIZED,
                AuthorizationState.AUTHORIZATION_STATE_AUTHORIZED),
            tuple(
                PaymentEventType.PAYMENT_EVENT_TYPE_EXPIRED,
                AuthorizationState.AUTHORIZATION_STATE_EXPIRED));
    // Published once, however often the feed is read after the expiry.
    assertThat(eventsOf(lapsing, pullAll())).hasSize(2);
  }

  @Test
  void shouldDeliverEveryEventDespiteDuplicatesAndReorderingAndAlwaysProgress() {
    List<String> references = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String reference = reference();
      references.add(reference);
      psp.capture(capture(authorize(reference, 100 + i), 100 + i));
    }
    Set<String> expected = new HashSet<>();
    pullAll().values().stream()
        .filter(e -> references.contains(e.getReference()))
        .forEach(e -> expected.add(e.getEventId()));
    assertThat(expected).hasSize(60);

    PaymentStack.setFaults(
        service, Faults.newBuilder().setDuplicateEvents(true).setReorderEvents(true).build());
    settle();
    List<PaymentEvent> delivered = new ArrayList<>();
    String cursor = "";
    boolean outOfSequence = false;
    for (int page = 0; page < 200; page++) {
      ListEventsResponse response =
          feed.listEvents(ListEventsRequest.newBuilder().setCursor(cursor).setPageSize(7).build());
      delivered.addAll(response.getEventsList());
      outOfSequence |= !inFeedOrder(response.getEventsList());
      cursor = response.getNextCursor();
      if (response.getCaughtUp()) {
        break;
      }
    }

    List<String> ours =
        delivered.stream()
            .filter(e -> references.contains(e.getReference()))
            .map(PaymentEvent::getEventId)
            .toList();
    assertThat(new HashSet<>(ours)).isEqualTo(expected);
    assertThat(ours.size()).as("every event at least twice").isGreaterThanOrEqualTo(120);
    assertThat(outOfSequence).as("some page arrived out of order").isTrue();
  }

  @Test
  void shouldKeepTheFeedOutOfTheRpcFaults() {
    String reference = reference();
    authorize(reference, 300);
    PaymentStack.setFaults(
        service, Faults.newBuilder().setOutage(true).setCommitThenTimeout(true).build());

    assertThat(eventsOf(reference, pullAll())).hasSize(1);
  }

  @Test
  void shouldRefuseABadCursorOrPageSize() {
    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () -> feed.listEvents(ListEventsRequest.newBuilder().setCursor("x").build()));
    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () -> feed.listEvents(ListEventsRequest.newBuilder().setCursor("-3").build()));
    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () -> feed.listEvents(ListEventsRequest.newBuilder().setPageSize(1001).build()));
  }

  /** Pulls from the start until caught up, once what was written has settled; events by id. */
  private static Map<String, PaymentEvent> pullAll() {
    settle();
    Map<String, PaymentEvent> events = new LinkedHashMap<>();
    String cursor = "";
    for (int page = 0; page < 1000; page++) {
      ListEventsResponse response =
          feed.listEvents(ListEventsRequest.newBuilder().setCursor(cursor).build());
      response.getEventsList().forEach(e -> events.putIfAbsent(e.getEventId(), e));
      cursor = response.getNextCursor();
      if (response.getCaughtUp()) {
        return events;
      }
    }
    throw new AssertionError("the feed never caught up");
  }

  /** Waits until the feed serves what was written: it lags behind by the settle time. */
  private static void settle() {
    try {
      Thread.sleep(PspEventFeedImpl.SETTLE_MILLIS + 300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static List<PaymentEvent> eventsOf(String reference, Map<String, PaymentEvent> all) {
    return all.values().stream()
        .filter(e -> e.getReference().equals(reference))
        .sorted((a, b) -> Long.compare(a.getSequence(), b.getSequence()))
        .toList();
  }

  private static boolean inFeedOrder(List<PaymentEvent> page) {
    Map<String, Long> lastSequence = new LinkedHashMap<>();
    for (PaymentEvent e : page) {
      Long before = lastSequence.put(e.getAuthorizationId(), e.getSequence());
      if (before != null && before > e.getSequence()) {
        return false;
      }
    }
    return true;
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }

  private static String reference() {
    return "order-" + UUID.randomUUID() + ":1";
  }

  private static String key() {
    return "key-" + UUID.randomUUID();
  }

  private static Authorization authorize(String reference, long amount) {
    return psp.authorize(
            AuthorizeRequest.newBuilder()
                .setIdempotencyKey(key())
                .setReference(reference)
                .setCardToken("tok_ok")
                .setAmount(amount)
                .build())
        .getAuthorization();
  }

  private static CaptureRequest capture(Authorization auth, long amount) {
    return CaptureRequest.newBuilder()
        .setIdempotencyKey(key())
        .setAuthorizationId(auth.getAuthorizationId())
        .setAmount(amount)
        .build();
  }

  private static RefundRequest refund(Authorization auth, long amount) {
    return RefundRequest.newBuilder()
        .setIdempotencyKey(key())
        .setAuthorizationId(auth.getAuthorizationId())
        .setAmount(amount)
        .build();
  }

  private static VoidRequest voidByReference(String reference) {
    return VoidRequest.newBuilder().setIdempotencyKey(key()).setReference(reference).build();
  }
}
