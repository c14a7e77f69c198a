package org.ordersystem.api.ops;

import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ordersystem.api.grpc.DownstreamException;
import org.ordersystem.api.grpc.ServiceChannels;
import org.ordersystem.proto.payment.v1.Account;
import org.ordersystem.proto.payment.v1.ListAccountsRequest;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
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
    return list(ListAccountsRequest.getDefaultInstance()).stream()
        .map(
            a ->
                new CustomerAccount(
                    a.getCustomerId(), a.getAvailable(), a.getPosted(), a.getPending(), points(a)))
        .toList();
  }

  /**
   * One customer's balance and points; empty when the payment service has no such customer.
   *
   * @throws DownstreamException when the payment service cannot answer
   */
  public Optional<AccountBalances> find(String customerId) {
    // Matched by id, not taken as the first answer: an unknown id is simply left out of the list.
    return list(ListAccountsRequest.newBuilder().addCustomerIds(customerId).build()).stream()
        .filter(a -> a.getCustomerId().equals(customerId))
        .findFirst()
        .map(
            a ->
                new AccountBalances(
                    a.getCustomerId(),
                    new Amounts(a.getAvailable(), a.getPending(), a.getPosted()),
                    points(a)));
  }

  private List<Account> list(ListAccountsRequest request) {
    try {
      return stub().listAccounts(request).getAccountsList();
    } catch (StatusRuntimeException e) {
      throw new DownstreamException("payment", e);
    }
  }

  private PaymentServiceBlockingStub stub() {
    return PaymentServiceGrpc.newBlockingStub(channels.payment())
        .withDeadlineAfter(channels.deadline().toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Amounts points(Account a) {
    return new Amounts(a.getPointsAvailable(), a.getPointsPending(), a.getPointsPosted());
  }
}
