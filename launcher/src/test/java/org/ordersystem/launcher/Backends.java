package org.ordersystem.launcher;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.ordersystem.proto.payment.v1.GetPaymentRequest;
import org.ordersystem.proto.payment.v1.GetPaymentResponse;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc;
import org.ordersystem.proto.psp.v1.Authorization;
import org.ordersystem.proto.psp.v1.GetAuthorizationRequest;
import org.ordersystem.proto.psp.v1.PspServiceGrpc;
import org.ordersystem.proto.shipping.v1.GetShipmentRequest;
import org.ordersystem.proto.shipping.v1.GetShipmentResponse;
import org.ordersystem.proto.shipping.v1.ShippingServiceGrpc;
import org.ordersystem.proto.stock.v1.GetReservationRequest;
import org.ordersystem.proto.stock.v1.GetReservationResponse;
import org.ordersystem.proto.stock.v1.StockServiceGrpc;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;

/** Reads the services' own records and the workflow's query, to check they agree with the API. */
final class Backends {

  private static Backends instance;
  private final ManagedChannel stock;
  private final ManagedChannel shipping;
  private final ManagedChannel payment;
  private final ManagedChannel psp;
  private final WorkflowClient temporal;

  private Backends(LocalStack stack) {
    stock = ManagedChannelBuilder.forTarget(stack.serviceTargets().stock()).usePlaintext().build();
    shipping =
        ManagedChannelBuilder.forTarget(stack.serviceTargets().shipping()).usePlaintext().build();
    payment =
        ManagedChannelBuilder.forTarget(stack.serviceTargets().payment()).usePlaintext().build();
    psp = ManagedChannelBuilder.forTarget(stack.pspTarget()).usePlaintext().build();
    temporal =
        WorkflowClient.newInstance(
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalTarget()).build()),
            WorkflowClientOptions.newBuilder()
                .setDataConverter(stack.payloadEncryption().dataConverter())
                .build());
  }

  /** The shared stack's backends. */
  static synchronized Backends get() {
    if (instance == null) {
      instance = new Backends(RunningStack.get());
    }
    return instance;
  }

  /** Another stack's backends (channels for the life of the JVM, like the shared stack's). */
  static Backends of(LocalStack stack) {
    return new Backends(stack);
  }

  GetReservationResponse reservation(String orderId) {
    return StockServiceGrpc.newBlockingStub(stock)
        .getReservation(GetReservationRequest.newBuilder().setReservationId(orderId).build());
  }

  GetPaymentResponse payment(String orderId) {
    return PaymentServiceGrpc.newBlockingStub(payment)
        .getPayment(GetPaymentRequest.newBuilder().setPaymentId(orderId).build());
  }

  GetShipmentResponse shipment(String orderId) {
    return ShippingServiceGrpc.newBlockingStub(shipping)
        .getShipment(GetShipmentRequest.newBuilder().setShipmentId(orderId).build());
  }

  Authorization cardAuthorization(String reference) {
    return PspServiceGrpc.newBlockingStub(psp)
        .getAuthorization(GetAuthorizationRequest.newBuilder().setReference(reference).build());
  }

  OrderView workflowQuery(String orderId) {
    return temporal
        .newWorkflowStub(OrderWorkflow.class, PlaceOrderRequest.workflowId(orderId))
        .getOrder();
  }
}
