package org.ordersystem.api.recovery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.recovery.SweepDecision;
import org.ordersystem.workflows.recovery.SweepSummary;

/**
 * A finished recovery sweep as the API answers it: what it found and did.
 *
 * @param trigger what started it: {@code schedule}, {@code timer} or {@code manual:<who>}
 * @param examined candidates found: PENDING orders, and CREATING ones with no news for too long
 * @param retried retries sent; {@code completed} of them ended COMPLETED
 * @param rolledBack rollbacks that ended CANCELLED
 * @param waiting orders left for a later sweep (their backoff is not over)
 * @param reported orders the sweep could not resolve: left as they are, and reported
 * @param peakConcurrency the most retries and rollbacks that ran at once
 */
@Schema(name = "Sweep")
public record SweepResponse(
    @Schema(example = "recovery-sweep-manual-3f1c2d4e-3b5a-4c7d-9e8f-0a1b2c3d4e5f") String sweepId,
    @Schema(example = "manual:demo-operator") String trigger,
    Instant startedAt,
    Instant finishedAt,
    int examined,
    int retried,
    int completed,
    int rolledBack,
    int waiting,
    int reported,
    int peakConcurrency,
    List<Item> items) {

  /**
   * What the sweep did with one order.
   *
   * @param status the order's status when the sweep found it
   * @param reason the pending reason, or for a stale CREATING order where its workflow stands
   * @param why why the sweep decided so
   * @param outcome the order's status once the retry or rollback settled; null otherwise
   * @param refusal the order's refusal of the action, {@code TYPE: detail}; else null
   */
  @Schema(name = "SweepItem")
  public record Item(
      String orderId,
      OrderStatus status,
      OrderStep step,
      String reason,
      SweepDecision decision,
      String why,
      OrderStatus outcome,
      String refusal) {}

  static SweepResponse from(SweepSummary s) {
    List<Item> items =
        s.items() == null
            ? List.of()
            : s.items().stream()
                .map(
                    i ->
                        new Item(
                            i.orderId(),
                            i.status(),
                            i.step(),
                            i.reason(),
                            i.decision(),
                            i.why(),
                            i.outcome(),
                            i.refusal()))
                .toList();
    return new SweepResponse(
        s.sweepId(),
        s.trigger(),
        s.startedAt(),
        s.finishedAt(),
        s.examined(),
        s.retried(),
        s.completed(),
        s.rolledBack(),
        s.waiting(),
        s.reported(),
        s.peakConcurrency(),
        items);
  }
}
