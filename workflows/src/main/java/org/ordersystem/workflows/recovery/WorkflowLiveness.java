package org.ordersystem.workflows.recovery;

/** Where the workflow of an order the read model shows as stale CREATING stands. */
public enum WorkflowLiveness {
  /** Still running: stuck in a step, or its workers are down. */
  RUNNING,
  /** Closed without recording a final status: failed, terminated or timed out. */
  CLOSED,
  /** Unknown to the server: lost with an in-memory server, or never started. */
  NOT_FOUND
}
