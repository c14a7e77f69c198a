package org.ordersystem.api.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** A call to a downstream gRPC service failed; answered as 503 or 502. */
public class DownstreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String service;
  private final Status.Code code;

  public DownstreamException(String service, StatusRuntimeException cause) {
    super(service + " service call failed: " + cause.getStatus().getCode(), cause);
    this.service = service;
    this.code = cause.getStatus().getCode();
  }

  public String service() {
    return service;
  }

  /**
   * Whether retrying later may help (the service is down, slow or overloaded), as opposed to the
   * service answering something the API did not expect.
   */
  public boolean isUnavailable() {
    return switch (code) {
      case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, CANCELLED, ABORTED -> true;
      default -> false;
    };
  }
}
