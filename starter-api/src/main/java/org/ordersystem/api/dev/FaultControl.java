package org.ordersystem.api.dev;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ordersystem.api.grpc.DownstreamException;
import org.ordersystem.api.grpc.ServiceChannels;
import org.ordersystem.proto.faults.v1.FaultControlServiceGrpc;
import org.ordersystem.proto.faults.v1.FaultControlServiceGrpc.FaultControlServiceBlockingStub;
import org.ordersystem.proto.faults.v1.GetFaultsRequest;
import org.ordersystem.proto.faults.v1.SetFaultsRequest;
import org.springframework.stereotype.Component;

/** The fault control each reference service and the PSP serve next to their own service. */
@Component
public class FaultControl {

  /** The services whose faults can be set. */
  public enum Service {
    STOCK,
    SHIPPING,
    PAYMENT,
    /** The simulated payment provider behind CARD legs. */
    PSP;

    /** The service named in a path ({@code stock}, ...), if any. */
    public static Optional<Service> fromPath(String name) {
      for (Service s : values()) {
        if (s.name().toLowerCase(Locale.ROOT).equals(name)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }

    public String pathName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Every path name, for messages: {@code stock, shipping, payment or psp}. */
    public static String pathNames() {
      List<String> names = Arrays.stream(values()).map(Service::pathName).toList();
      return String.join(", ", names.subList(0, names.size() - 1))
          + " or "
          + names.get(names.size() - 1);
    }
  }

  private final ServiceChannels channels;

  public FaultControl(ServiceChannels channels) {
    this.channels = channels;
  }

  /** Replaces the service's faults and returns those now in force. */
  public Faults set(Service service, Faults faults) {
    try {
      return fromProto(
          stub(service)
              .setFaults(SetFaultsRequest.newBuilder().setFaults(toProto(faults)).build())
              .getFaults());
    } catch (StatusRuntimeException e) {
      throw new DownstreamException(service.pathName(), e);
    }
  }

  /** The faults in force. */
  public Faults get(Service service) {
    try {
      return fromProto(stub(service).getFaults(GetFaultsRequest.getDefaultInstance()).getFaults());
    } catch (StatusRuntimeException e) {
      throw new DownstreamException(service.pathName(), e);
    }
  }

  private FaultControlServiceBlockingStub stub(Service service) {
    ManagedChannel channel =
        switch (service) {
          case STOCK -> channels.stock();
          case SHIPPING -> channels.shipping();
          case PAYMENT -> channels.payment();
          case PSP -> channels.psp();
        };
    return FaultControlServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(channels.deadline().toMillis(), TimeUnit.MILLISECONDS);
  }

  private static org.ordersystem.proto.faults.v1.Faults toProto(Faults f) {
    return org.ordersystem.proto.faults.v1.Faults.newBuilder()
        .setErrorRate(f.errorRate())
        .setLatencyMs(f.latencyMs())
        .setOutage(f.outage())
        .setCommitThenTimeout(f.commitThenTimeout())
        .setDuplicateEvents(f.duplicateEvents())
        .setReorderEvents(f.reorderEvents())
        .build();
  }

  private static Faults fromProto(org.ordersystem.proto.faults.v1.Faults f) {
    return new Faults(
        f.getErrorRate(),
        f.getLatencyMs(),
        f.getOutage(),
        f.getCommitThenTimeout(),
        f.getDuplicateEvents(),
        f.getReorderEvents());
  }
}
