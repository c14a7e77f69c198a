package org.ordersystem.proto;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Optional;

/**
 * The one error vocabulary of the services: a refusal travels as a gRPC status whose details hold a
 * {@code google.rpc.ErrorInfo} with the reason's name ({@code OUT_OF_STOCK}), in domain {@link
 * #DOMAIN}, and whose message is the sentence for people. Callers branch on the reason, never on
 * the message.
 */
public final class ServiceErrors {

  /** The ErrorInfo domain of the order system's services. */
  public static final String DOMAIN = "orders.ordersystem.org";

  private ServiceErrors() {}

  /** A refusal with a reason callers can branch on, and a message for people. */
  public static StatusRuntimeException error(Status.Code code, String reason, String message) {
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(code.value())
            .setMessage(message)
            .addDetails(
                Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).build()))
            .build());
  }

  /** The reason a service gave, when the failure is a status that names one. */
  public static Optional<String> reasonOf(Throwable failure) {
    com.google.rpc.Status status = StatusProto.fromThrowable(failure);
    if (status == null) {
      return Optional.empty();
    }
    for (Any detail : status.getDetailsList()) {
      if (detail.is(ErrorInfo.class)) {
        try {
          ErrorInfo info = detail.unpack(ErrorInfo.class);
          if (DOMAIN.equals(info.getDomain())) {
            return Optional.of(info.getReason());
          }
        } catch (InvalidProtocolBufferException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The whole status, details included, as bytes to keep: an idempotent replay answers it again.
   */
  public static byte[] toBytes(StatusRuntimeException failure) {
    com.google.rpc.Status status = StatusProto.fromThrowable(failure);
    if (status == null) {
      Status plain = failure.getStatus();
      status =
          com.google.rpc.Status.newBuilder()
              .setCode(plain.getCode().value())
              .setMessage(plain.getDescription() == null ? "" : plain.getDescription())
              .build();
    }
    return status.toByteArray();
  }

  /** A status kept by {@link #toBytes}, as the exception to throw again. */
  public static StatusRuntimeException fromBytes(byte[] kept)
      throws InvalidProtocolBufferException {
    return StatusProto.toStatusRuntimeException(com.google.rpc.Status.parseFrom(kept));
  }
}
