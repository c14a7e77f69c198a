package org.ordersystem.workflows;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.PendingInfo;
import org.ordersystem.workflows.model.PlaceOrderRequest;

/**
 * What Temporal UI shows of an order without opening its history: the static summary and details
 * the API sets when it starts the workflow, and the current details (markdown) the workflow keeps
 * up to date. Operators read these, so they name shop, amounts, SKUs and what to do, and never
 * personal data: no customer, shipping address or card token.
 *
 * <p>The server refuses a start whose summary exceeds 400 bytes or details 20,000 bytes (its
 * defaults), which would refuse the order itself; hence the clipped shop id and the capped list of
 * lines. Pure functions of their arguments, so the workflow may call them.
 */
public final class OrderUiMetadata {

  /** Lines listed in the static details; the rest are counted. */
  static final int MAX_LISTED_LINES = 20;

  /** Longest free text (shop id, failure message, reason detail) shown, in characters. */
  static final int MAX_TEXT_LENGTH = 300;

  /** Longest shop id or SKU shown, in characters: what the API allows of an SKU. */
  private static final int MAX_ID_LENGTH = 64;

  private OrderUiMetadata() {}

  /** One line for the workflow list, such as {@code demo-shop · 6,800 JPY · 2 lines}. */
  public static String summary(PlaceOrderRequest request) {
    int lines = request.lines().size();
    return clip(request.shopId(), MAX_ID_LENGTH)
        + " · "
        + jpy(request.total())
        + " · "
        + lines
        + (lines == 1 ? " line" : " lines");
  }

  /** The order's lines and payment sources, as markdown. */
  public static String details(PlaceOrderRequest request) {
    StringBuilder text = new StringBuilder("**Lines**\n");
    List<OrderLine> lines = request.lines();
    lines.stream()
        .limit(MAX_LISTED_LINES)
        .forEach(
            line ->
                text.append("- ")
                    .append(clip(line.sku(), MAX_ID_LENGTH))
                    .append(" × ")
                    .append(line.quantity())
                    .append(" (")
                    .append(jpy(line.amount()))
                    .append(")\n"));
    if (lines.size() > MAX_LISTED_LINES) {
      text.append("- … and ").append(lines.size() - MAX_LISTED_LINES).append(" more\n");
    }
    text.append("\n**Payment**\n");
    for (PaymentSource source : request.paymentSources()) {
      text.append("- ").append(source.type()).append(' ').append(jpy(source.amount())).append('\n');
    }
    return text.toString();
  }

  /**
   * Where the order stands and, when it waits for a person, what to do, as markdown.
   *
   * @param refundWindowEndsAt when a completed order stops taking refunds; null if not known yet
   */
  static String currentDetails(OrderView order, Instant refundWindowEndsAt) {
    StringBuilder text = new StringBuilder();
    text.append("**").append(order.status()).append("**");
    if (!order.status().isFinal()) {
      text.append(" at step ").append(order.step());
    }
    text.append("\n\n");
    switch (order.status()) {
      case CREATING -> text.append("Steps done: ").append(stepsDone(order)).append('\n');
      case PENDING -> pending(text, order.orderId(), order.pending());
      case COMPLETED, PARTIALLY_REFUNDED, REFUNDED -> completed(text, order, refundWindowEndsAt);
      case REJECTED, CANCELLED -> ended(text, order);
    }
    text.append("\n_Version ")
        .append(order.version())
        .append(", updated ")
        .append(instant(order.updatedAt()))
        .append("_\n");
    return text.toString();
  }

  private static void pending(StringBuilder text, String orderId, PendingInfo pending) {
    if (pending == null) {
      return;
    }
    text.append("Waiting for a retry or a rollback since ")
        .append(instant(pending.since()))
        .append(".\n\n- Reason: ")
        .append(pending.reason())
        .append("\n- Attempts: ")
        .append(pending.attempts())
        .append(" (retry budgets used up at this step)")
        .append("\n- Message: ")
        .append(code(pending.message()))
        .append("\n\n**What to do**\n\n")
        .append("- **Retry** (runs ")
        .append(pending.step())
        .append(" again with a fresh retry budget): `POST /api/v1/ops/orders/")
        .append(orderId)
        .append("/retry` with the operator key (`Authorization: Bearer <operator key>`), body")
        .append(" `{\"note\": \"...\"}`; or send the signal")
        .append(" `retry` here with input")
        .append(" `{\"requestedBy\": \"operator:<you>\", \"note\": \"...\"}`.\n");
    if (pending.rollbackAllowed()) {
      text.append("- **Roll back** (releases what the order holds; it ends CANCELLED, ")
          .append(OrderWorkflow.ROLLED_BACK)
          .append("): `POST /api/v1/ops/orders/")
          .append(orderId)
          .append("/rollback`, or the signal `rollback`, with the same input.\n");
    } else {
      text.append("- **No rollback**: capture has begun, so only a retry helps;")
          .append(" refund the order once it is COMPLETED if the customer should not pay.\n");
    }
  }

  private static void completed(StringBuilder text, OrderView order, Instant refundWindowEndsAt) {
    if (order.trackingNumber() != null) {
      text.append("Tracking number ")
          .append(order.trackingNumber())
          .append(", shipment ")
          .append(order.shipmentState())
          .append(".\n");
    }
    if (order.refundedAmount() > 0) {
      text.append("Refunded ")
          .append(jpy(order.refundedAmount()))
          .append(" of ")
          .append(jpy(order.total()))
          .append(".\n");
    }
    if (refundWindowEndsAt != null && order.status() != OrderStatus.REFUNDED) {
      text.append("Refund window open until ").append(instant(refundWindowEndsAt)).append(".\n");
    }
  }

  private static void ended(StringBuilder text, OrderView order) {
    text.append("Reason: ").append(order.reason());
    if (order.reasonDetail() != null) {
      text.append(" (").append(code(order.reasonDetail())).append(')');
    }
    text.append(".\nNothing to do: everything the order held was released.\n");
  }

  private static String stepsDone(OrderView order) {
    return order.stepsDone().isEmpty()
        ? "none yet"
        : order.stepsDone().stream().map(Enum::name).collect(Collectors.joining(", "));
  }

  private static String jpy(long amount) {
    return String.format(Locale.ROOT, "%,d JPY", amount);
  }

  /** To the second: the milliseconds of a workflow's clock only make the line harder to read. */
  private static String instant(Instant instant) {
    return instant == null ? "unknown" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Free text as inline code, so markdown in a failure message cannot change the page. */
  private static String code(String text) {
    return "`" + clip(text, MAX_TEXT_LENGTH).replace('`', '\'') + "`";
  }

  /** One line of at most {@code max} characters, marked with an ellipsis when cut. */
  static String clip(String text, int max) {
    if (text == null) {
      return "";
    }
    // Control characters would cost six bytes each once JSON-escaped, and break the markdown.
    String line = text.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    if (line.length() <= max) {
      return line;
    }
    int end = Character.isHighSurrogate(line.charAt(max - 2)) ? max - 2 : max - 1;
    return line.substring(0, end) + "…";
  }
}
