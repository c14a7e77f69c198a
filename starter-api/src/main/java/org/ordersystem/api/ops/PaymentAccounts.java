package org.ordersystem.api.ops;

import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ordersystem.api.grpc.DownstreamException;
import org.ordersystem.api.grpc.ServiceChannels;
import org.ordersystem.proto.payment.v1.ListAccountsRequest;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc;
import org.springframework.stereotype.Component;

/** Customers' accounts, read from the payment service. */
@Component
public class PaymentAccounts {

  private final ServiceChannels channels;

  public PaymentAccounts(ServiceChannels channels) {
    this.channels = channels;
  }

  /**
   * Every account, ordered by customer id.
   *
   * @throws DownstreamException when the payment service cannot answer
   */
  public List<CustomerAccount> listAll() {
    try {
      return PaymentServiceGrpc.newBlockingStub(channels.payment())
          .withDeadlineAfter(channels.deadline().toMillis(), TimeUnit.MILLISECONDS)
          .listAccounts(ListAccountsRequest.getDefaultInstance())
          .getAccountsList()
          .stream()
          .map(
              a ->
                  new CustomerAccount(
                      a.getCustomerId(), a.getAvailable(), a.getPosted(), a.getPending()))
          .toList();
    } catch (StatusRuntimeException e) {
      throw new DownstreamException("payment", e);
    }
  }
}
