package org.ordersystem.services.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ordersystem.proto.ServiceErrors;

/** Asserts on the status a blocking stub call fails with. */
public final class StatusAssert {

  private StatusAssert() {}

  /** Runs {@code call}, requires it to fail with {@code code}, and returns the status. */
  public static Status failsWith(Status.Code code, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("expected a %s failure", code).isNotNull();
    Status status = Status.fromThrowable(thrown);
    assertThat(status.getCode()).as("status of %s", status).isEqualTo(code);
    return status;
  }

  /** Like {@link #failsWith}, and requires the status to name {@code reason} in its ErrorInfo. */
  public static Status failsWith(Status.Code code, String reason, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("expected a %s failure", code).isNotNull();
    Status status = Status.fromThrowable(thrown);
    assertThat(status.getCode()).as("status of %s", status).isEqualTo(code);
    assertThat(ServiceErrors.reasonOf(thrown)).as("reason of %s", status).contains(reason);
    return status;
  }
}
