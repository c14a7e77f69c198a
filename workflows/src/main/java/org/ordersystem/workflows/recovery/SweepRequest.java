package org.ordersystem.workflows.recovery;

/**
 * One sweep's input.
 *
 * @param trigger what started it: {@code schedule}, {@code timer} or {@code manual:<who>}
 * @param settings how it decides
 */
public record SweepRequest(String trigger, RecoverySettings settings) {}
