package org.ordersystem.workflows;

/**
 * The undo of one call of the saga, registered before the call: a call that timed out may still
 * have happened at the service, and an undo is idempotent and succeeds on nothing.
 *
 * @param name how logs and the order's reason detail name it ("release stock")
 * @param undo retried until it succeeds ({@link StepOptions#untilDone()})
 */
record Compensation(String name, Runnable undo) {}
