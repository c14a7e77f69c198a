package org.ordersystem.readmodel;

/**
 * Free text fitted to the width of its column, where the read model writes it.
 *
 * <p>Only the writers clip: the workflows keep whole texts (a failure message, an operator's note,
 * a cancel reason), and a text longer than its column must shorten the row, never fail the write. A
 * failed write is retried forever by the order's local activity and stalls the order's every later
 * write. The whole text stays in the workflow's history.
 */
final class ColumnText {

  /** {@code reason}, {@code pending_reason}: a failure type's name. */
  static final int REASON = 64;

  /** {@code reason_detail}, {@code pending_message}. */
  static final int DETAIL = 1024;

  /** {@code tracking_number}. */
  static final int TRACKING_NUMBER = 64;

  /** {@code recovery_sweeps.triggered_by}. */
  static final int TRIGGERED_BY = 255;

  /** A {@code TEXT} column holds 65,535 bytes: this many characters of up to 4 bytes each. */
  static final int TEXT = 65_535 / 4;

  private ColumnText() {}

  /** The text, or its first characters and an ellipsis, in at most {@code width} characters. */
  static String clip(String text, int width) {
    if (text == null || text.length() <= width) {
      return text;
    }
    int end = width - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never split a character in two
    }
    return text.substring(0, end) + "…";
  }
}
