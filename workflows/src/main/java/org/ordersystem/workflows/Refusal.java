package org.ordersystem.workflows;

import io.temporal.failure.ApplicationFailure;

/** Why an update is refused: a type from {@link UpdateRejections} and an explanation for people. */
record Refusal(String type, String detail) {

  ApplicationFailure toFailure() {
    return UpdateRejections.rejection(type, detail);
  }
}
