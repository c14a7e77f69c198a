package org.ordersystem.services.psp;

import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.ordersystem.proto.psp.v1.ListEventsRequest;
import org.ordersystem.proto.psp.v1.ListEventsResponse;
import org.ordersystem.proto.psp.v1.PaymentEvent;
import org.ordersystem.proto.psp.v1.PspEventFeedGrpc;
import org.ordersystem.services.common.FailureReason;
import org.ordersystem.services.common.FaultSettings;
import org.ordersystem.services.common.Jdbc;
import org.ordersystem.services.common.UnaryCalls;
import org.ordersystem.services.psp.PspEvents.FeedEvent;

/**
 * The provider's event feed, pulled with a cursor (the feed position delivered up to).
 *
 * <p>Positions come from an auto-increment, so a transaction that drew a lower position may commit
 * after one that drew a higher: a reader at the head could pass over an event not committed yet.
 * The feed therefore serves an event only once it is {@link #SETTLE_MILLIS} old, which is what
 * delivery lags behind the provider. A provider transaction writes its event last, so it commits
 * within milliseconds of that write.
 *
 * <p>The delivery faults of the provider's {@link FaultSettings} make delivery as rough as real
 * webhooks: every event twice, pages shuffled, one event of a page held back to a later page.
 */
final class PspEventFeedImpl extends PspEventFeedGrpc.PspEventFeedImplBase {

  static final long SETTLE_MILLIS = 2_000;
  private static final int DEFAULT_PAGE_SIZE = 100;
  private static final int MAX_PAGE_SIZE = 1000;

  private final DataSource dataSource;
  private final Clock clock;
  private final FaultSettings faults;

  PspEventFeedImpl(DataSource dataSource, Clock clock, FaultSettings faults) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.faults = faults;
  }

  @Override
  public void listEvents(ListEventsRequest request, StreamObserver<ListEventsResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          int pageSize = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
          if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw FailureReason.INVALID_REQUEST.exception(
                "page_size must be within [1, " + MAX_PAGE_SIZE + "], got " + pageSize);
          }
          long cursor = cursor(request.getCursor());
          Jdbc.transaction(dataSource, c -> PspEvents.publishExpiries(c, clock.millis()));
          List<FeedEvent> read =
              Jdbc.read(dataSource, c -> PspEvents.after(c, cursor, pageSize + 1, SETTLE_MILLIS));
          boolean more = read.size() > pageSize;
          List<FeedEvent> page = new ArrayList<>(read.subList(0, Math.min(pageSize, read.size())));
          return deliver(page, cursor, !more, faults.current());
        });
  }

  private static ListEventsResponse deliver(
      List<FeedEvent> page, long cursor, boolean atHead, FaultSettings.Values faults) {
    long next = page.isEmpty() ? cursor : page.get(page.size() - 1).position();
    boolean caughtUp = atHead;
    if (faults.reorderEvents() && page.size() > 1) {
      // Never the first: the cursor must still move, or a page could be held back forever.
      FeedEvent held = page.remove(1 + ThreadLocalRandom.current().nextInt(page.size() - 1));
      next = Math.min(next, held.position() - 1);
      caughtUp = false;
    }
    List<PaymentEvent> events = new ArrayList<>();
    for (FeedEvent e : page) {
      events.add(e.event());
      if (faults.duplicateEvents()) {
        events.add(e.event());
      }
    }
    if (faults.reorderEvents()) {
      Collections.shuffle(events, ThreadLocalRandom.current());
    }
    return ListEventsResponse.newBuilder()
        .addAllEvents(events)
        .setNextCursor(Long.toString(next))
        .setCaughtUp(caughtUp)
        .build();
  }

  private static long cursor(String cursor) {
    if (cursor.isEmpty()) {
      return 0;
    }
    try {
      long position = Long.parseLong(cursor);
      if (position >= 0) {
        return position;
      }
    } catch (NumberFormatException e) {
      // Falls through to the refusal below.
    }
    throw FailureReason.INVALID_REQUEST.exception("cursor '" + cursor + "' is not valid");
  }
}
