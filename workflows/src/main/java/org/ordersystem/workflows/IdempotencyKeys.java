package org.ordersystem.workflows;

/**
 * The idempotency keys the order and refund workflows send with each mutating call. They are
 * derived from the business identity only (order, step, leg, refund), never from a run id or an
 * attempt number, so a retry, a replay or a rerun of the workflow sends the same key and the
 * services answer with the first result.
 */
public final class IdempotencyKeys {

  private IdempotencyKeys() {}

  /** {@code <orderId>:reserve-stock}. */
  public static String reserveStock(String orderId) {
    return orderId + ":reserve-stock";
  }

  /** {@code <orderId>:release-stock}. */
  public static String releaseStock(String orderId) {
    return orderId + ":release-stock";
  }

  /** {@code <orderId>:commit-stock}. */
  public static String commitStock(String orderId) {
    return orderId + ":commit-stock";
  }

  /** {@code <orderId>:authorize:<legId>}. */
  public static String authorizeLeg(String orderId, String legId) {
    return orderId + ":authorize:" + legId;
  }

  /** {@code <orderId>:void:<legId>}. */
  public static String voidLeg(String orderId, String legId) {
    return orderId + ":void:" + legId;
  }

  /** {@code <orderId>:capture:<legId>}. */
  public static String captureLeg(String orderId, String legId) {
    return orderId + ":capture:" + legId;
  }

  /** {@code <orderId>:register-shipping}. */
  public static String registerShipping(String orderId) {
    return orderId + ":register-shipping";
  }

  /** {@code <orderId>:cancel-shipping}. */
  public static String cancelShipping(String orderId) {
    return orderId + ":cancel-shipping";
  }

  /**
   * {@code <orderId>:cancel-refund:<legId>}: a cancel that found the leg captured ({@code
   * PurchaseUnwind}).
   */
  public static String refundOnCancel(String orderId, String legId) {
    return orderId + ":cancel-refund:" + legId;
  }

  /**
   * {@code <orderId>:cancel-restock}: a cancel that found the stock committed ({@code
   * PurchaseUnwind}).
   */
  public static String restockOnCancel(String orderId) {
    return orderId + ":cancel-restock";
  }

  /** {@code <refundId>:refund:<legId>}: the refund id is unique per order and request. */
  public static String refundLeg(String refundId, String legId) {
    return refundId + ":refund:" + legId;
  }

  /** {@code <refundId>:restock}: one restock per refund, of every unit it puts back. */
  public static String restock(String refundId) {
    return refundId + ":restock";
  }
}
