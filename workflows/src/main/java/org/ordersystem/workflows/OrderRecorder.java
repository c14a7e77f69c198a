package org.ordersystem.workflows;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ordersystem.workflows.activities.OrderReadModelActivities;
import org.ordersystem.workflows.activities.OrderReadModelActivities.RecordedOrder;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.RefundView;
import org.slf4j.Logger;

/**
 * The order's state and its mirror in the read model: every change goes through {@link
 * #transition}, which stamps it with the next version and writes it. Shared by the purchase saga,
 * the refund window and the message handlers of one run.
 */
final class OrderRecorder {

  private static final Logger log = Workflow.getLogger(OrderRecorder.class);

  private final OrderReadModelActivities readModel =
      Workflow.newLocalActivityStub(OrderReadModelActivities.class, StepOptions.readModel());

  private final OrderState order;

  /** The search attribute values upserted so far in this run; null for none. */
  private final Map<SearchAttributeKey<String>, String> indexed = new LinkedHashMap<>();

  /** Null until the order completes. */
  private Instant refundWindowEndsAt;

  /** The change id of {@link #changeLeg} in the history. */
  static final String LEG_CHANGES_WITH_NEXT_WRITE = "leg-changes-with-next-write";

  /**
   * Whether a leg's authorization and capture are written with the order's next write rather than
   * each on its own: from version 1 on (see {@link #readLegWriteVersion}). For three legs that is 6
   * writes of 12, each a local activity (a history event) and a database commit.
   */
  private boolean legChangesWithNextWrite;

  /**
   * Also describes the order in Temporal UI at once: a run continued as new starts without the
   * details its previous run showed.
   */
  OrderRecorder(OrderState order) {
    this.order = order;
    OrderSearchAttributes.ALL.forEach(key -> indexed.put(key, null));
    describe(order.view());
  }

  /** The state, for reading; change it only through {@link #transition}. */
  OrderState state() {
    return order;
  }

  OrderView view() {
    return order.view();
  }

  /** Tells operators until when the completed order takes refunds. */
  void refundWindowEndsAt(Instant endsAt) {
    refundWindowEndsAt = endsAt;
    describe(order.view());
  }

  /**
   * Applies a change, stamps it with the next version and writes it to the read model. The change
   * and the stamp happen before the write yields, so no handler sees one without the other.
   */
  OrderView transition(Consumer<OrderState> change) {
    change.accept(order);
    order.touch(now());
    record(order.view());
    // The view as written last: a write that was overtaken is written again, numbered anew.
    return order.view();
  }

  /**
   * Applies a change that the next {@link #transition} stamps and writes together with its own: for
   * a change that another write always follows, usually at once, where a write of its own would
   * cost a local activity and a database commit. The version counts writes, not changes.
   */
  void changeWithNextWrite(Consumer<OrderState> change) {
    change.accept(order);
  }

  /**
   * Reads which way this run writes leg changes, recording the version marker in a new run. Called
   * once, by the purchase saga as it starts, where histories recorded since version 1 have the
   * marker; a run continued as new has no legs left to change.
   */
  void readLegWriteVersion() {
    legChangesWithNextWrite =
        Workflow.getVersion(LEG_CHANGES_WITH_NEXT_WRITE, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * A leg's authorization or capture: written with the order's next write, which follows at once
   * unless the next leg's call is being retried (a leg that fails, or an order that becomes
   * PENDING, is written with everything before it); in histories of version 0, written at once.
   */
  void changeLeg(Consumer<OrderState> change) {
    if (legChangesWithNextWrite) {
      changeWithNextWrite(change);
    } else {
      transition(change);
    }
  }

  /**
   * Writes the view until it lands: an outage of the read model pauses the order at its next
   * transition rather than losing a state. A cancel request still interrupts a paused order before
   * capture.
   */
  void record(OrderView view) {
    describe(view);
    index(view);
    RecordedOrder recorded =
        retryUntilRecorded(
            "Order " + view.orderId() + " version " + view.version(),
            () -> readModel.recordOrder(view));
    if (isOvertaken(view, recorded)) {
      log.warn(
          "Order {}: the read model holds version {} (progress this workflow lost, or an earlier"
              + " attempt of this write); {} is written after it",
          view.orderId(),
          recorded.storedVersion(),
          view.status());
      order.numberAfter(recorded.storedVersion());
      transition(unchanged -> {});
    }
  }

  /**
   * Whether a write that people must see (an end, or PENDING) was dropped because the read model
   * holds the same or a newer version: written by a workflow task that was lost before the server
   * recorded it ({@link PurchaseUnwind}), whose versions this run numbers again. Also true when a
   * retried write had landed on its first attempt; writing it again is harmless. Null in histories
   * recorded before the write answered, which therefore replay unchanged.
   */
  private static boolean isOvertaken(OrderView view, RecordedOrder recorded) {
    boolean mustLand = view.status().isFinal() || view.status() == OrderStatus.PENDING;
    return mustLand
        && recorded != null
        && !recorded.applied()
        && recorded.storedVersion() >= view.version();
  }

  /** Writes a refund the same way; the read model keeps the furthest status. */
  void recordRefund(RefundView refund) {
    retryUntilRecorded(
        "Refund " + refund.refundId() + " " + refund.status(),
        () -> {
          readModel.recordRefund(refund);
          return null;
        });
  }

  private static <T> T retryUntilRecorded(String what, Supplier<T> write) {
    for (int round = 1; ; round++) {
      try {
        return write.get();
      } catch (ActivityFailure e) {
        if (CancellationScope.current().isCancelRequested()) {
          throw e;
        }
        log.warn("{} not recorded after {} round(s); retrying", what, round, e);
        Workflow.sleep(StepOptions.MAXIMUM_INTERVAL);
      }
    }
  }

  /**
   * Shows the order on its page in Temporal UI (the current details, served by the built-in
   * metadata query). Not a command: nothing is written to the history, so it needs no version guard
   * and histories recorded before it replay unchanged.
   */
  private void describe(OrderView view) {
    Workflow.setCurrentDetails(OrderUiMetadata.currentDetails(view, refundWindowEndsAt));
  }

  /**
   * Keeps the order's search attributes in step, upserting only those that changed: each upsert is
   * an event in the history.
   */
  private void index(OrderView view) {
    List<SearchAttributeUpdate<?>> changes = new ArrayList<>();
    for (Map.Entry<SearchAttributeKey<String>, String> entry : indexed.entrySet()) {
      String now = valueOf(entry.getKey(), view);
      if (!Objects.equals(entry.getValue(), now)) {
        changes.add(now == null ? entry.getKey().valueUnset() : entry.getKey().valueSet(now));
        entry.setValue(now);
      }
    }
    if (!changes.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(changes.toArray(SearchAttributeUpdate<?>[]::new));
    }
  }

  private static String valueOf(SearchAttributeKey<String> key, OrderView view) {
    if (key == OrderSearchAttributes.ORDER_STATUS) {
      return view.status().name();
    }
    if (key == OrderSearchAttributes.ORDER_STEP) {
      return view.step().name();
    }
    if (key == OrderSearchAttributes.PENDING_REASON) {
      return view.pending() == null ? null : view.pending().reason();
    }
    return view.shopId();
  }

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
