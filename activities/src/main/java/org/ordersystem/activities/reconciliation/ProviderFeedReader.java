package org.ordersystem.activities.reconciliation;

import io.grpc.StatusRuntimeException;
import io.temporal.activity.Activity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ordersystem.activities.GrpcFailures;
import org.ordersystem.proto.psp.v1.ListEventsRequest;
import org.ordersystem.proto.psp.v1.ListEventsResponse;
import org.ordersystem.proto.psp.v1.PaymentEvent;
import org.ordersystem.reconciliation.ProviderEvent;
import org.ordersystem.reconciliation.ProviderEventStore;
import org.ordersystem.workflows.reconciliation.IngestResult;
import org.ordersystem.workflows.reconciliation.ProviderState;

/**
 * Pulls the provider's feed into the store, page by page from the stored cursor. Each page and the
 * cursor after it are stored together, so a pull that fails halfway resumes where it stopped.
 */
final class ProviderFeedReader {

  private static final int PAGE_SIZE = 500;

  private final ProviderClient provider;
  private final ProviderEventStore store;

  ProviderFeedReader(ProviderClient provider, ProviderEventStore store) {
    this.provider = provider;
    this.store = store;
  }

  IngestResult ingest(int maxPages, boolean heartbeat) {
    String cursor = store.cursor();
    int received = 0;
    int stored = 0;
    int pages = 0;
    boolean caughtUp = false;
    while (pages < maxPages && !caughtUp) {
      ListEventsResponse page;
      try {
        page =
            provider
                .feed()
                .listEvents(
                    ListEventsRequest.newBuilder()
                        .setCursor(cursor)
                        .setPageSize(PAGE_SIZE)
                        .build());
      } catch (StatusRuntimeException e) {
        throw GrpcFailures.toFailure("ListEvents", e);
      }
      List<ProviderEvent> events = new ArrayList<>();
      for (PaymentEvent e : page.getEventsList()) {
        events.add(toEvent(e));
      }
      stored += store.storePage(events, page.getNextCursor());
      received += events.size();
      pages++;
      cursor = page.getNextCursor();
      caughtUp = page.getCaughtUp();
      if (heartbeat) {
        Activity.getExecutionContext().heartbeat(cursor);
      }
    }
    return new IngestResult(received, stored, received - stored, pages, caughtUp);
  }

  private static ProviderEvent toEvent(PaymentEvent e) {
    String state = e.getState().name().substring("AUTHORIZATION_STATE_".length());
    return new ProviderEvent(
        e.getEventId(),
        e.getAuthorizationId(),
        e.getReference(),
        e.getSequence(),
        e.getType().name().substring("PAYMENT_EVENT_TYPE_".length()),
        e.getAmount(),
        ProviderState.valueOf(state),
        e.getAuthorizedAmount(),
        e.getCapturedAmount(),
        e.getRefundedAmount(),
        Instant.ofEpochMilli(e.getOccurredAtMs()));
  }
}
