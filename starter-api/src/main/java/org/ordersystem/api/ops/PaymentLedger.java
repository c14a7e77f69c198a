package org.ordersystem.api.ops;

import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ordersystem.api.grpc.DownstreamException;
import org.ordersystem.api.grpc.ServiceChannels;
import org.ordersystem.proto.payment.v1.CheckLedgerRequest;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc;
import org.springframework.stereotype.Component;

/** The payment service's ledger audit. */
@Component
public class PaymentLedger {

  /**
   * The least time the audit gets. It reads the whole ledger, so it grows with the ledger, unlike
   * the calls of an order the services' deadline is sized for; an operator waits for it.
   */
  static final Duration AUDIT_DEADLINE = Duration.ofSeconds(30);

  private final ServiceChannels channels;

  public PaymentLedger(ServiceChannels channels) {
    this.channels = channels;
  }

  /**
   * Audits the ledger now; read-only on the payment side.
   *
   * @throws DownstreamException when the payment service cannot answer
   */
  public LedgerCheck check() {
    try {
      return LedgerCheck.of(
          PaymentServiceGrpc.newBlockingStub(channels.payment())
              .withDeadlineAfter(auditDeadline().toMillis(), TimeUnit.MILLISECONDS)
              .checkLedger(CheckLedgerRequest.getDefaultInstance()));
    } catch (StatusRuntimeException e) {
      throw new DownstreamException("payment", e);
    }
  }

  private Duration auditDeadline() {
    Duration services = channels.deadline();
    return services.compareTo(AUDIT_DEADLINE) > 0 ? services : AUDIT_DEADLINE;
  }
}
