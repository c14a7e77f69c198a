package org.ordersystem.services.common;

import io.grpc.stub.StreamObserver;
import org.ordersystem.proto.faults.v1.FaultControlServiceGrpc;
import org.ordersystem.proto.faults.v1.Faults;
import org.ordersystem.proto.faults.v1.GetFaultsRequest;
import org.ordersystem.proto.faults.v1.GetFaultsResponse;
import org.ordersystem.proto.faults.v1.SetFaultsRequest;
import org.ordersystem.proto.faults.v1.SetFaultsResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and replaces the faults of the service it sits next to. */
public final class FaultControlServiceImpl
    extends FaultControlServiceGrpc.FaultControlServiceImplBase {

  private static final Logger log = LoggerFactory.getLogger(FaultControlServiceImpl.class);

  private final String service;
  private final FaultSettings settings;

  public FaultControlServiceImpl(String service, FaultSettings settings) {
    this.service = service;
    this.settings = settings;
  }

  @Override
  public void setFaults(SetFaultsRequest request, StreamObserver<SetFaultsResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          Faults faults = request.getFaults();
          FaultSettings.Values values;
          try {
            values =
                new FaultSettings.Values(
                    faults.getErrorRate(),
                    faults.getLatencyMs(),
                    faults.getOutage(),
                    faults.getCommitThenTimeout(),
                    faults.getDuplicateEvents(),
                    faults.getReorderEvents());
          } catch (IllegalArgumentException e) {
            throw FailureReason.INVALID_REQUEST.exception(e.getMessage());
          }
          settings.set(values);
          log.info("Faults of {} set to {}", service, values);
          return SetFaultsResponse.newBuilder().setFaults(toProto(values)).build();
        });
  }

  @Override
  public void getFaults(GetFaultsRequest request, StreamObserver<GetFaultsResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> GetFaultsResponse.newBuilder().setFaults(toProto(settings.current())).build());
  }

  private static Faults toProto(FaultSettings.Values values) {
    return Faults.newBuilder()
        .setErrorRate(values.errorRate())
        .setLatencyMs(values.latencyMs())
        .setOutage(values.outage())
        .setCommitThenTimeout(values.commitThenTimeout())
        .setDuplicateEvents(values.duplicateEvents())
        .setReorderEvents(values.reorderEvents())
        .build();
  }
}
