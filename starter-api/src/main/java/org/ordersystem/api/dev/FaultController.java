package org.ordersystem.api.dev;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.ordersystem.api.auth.RequiresRole;
import org.ordersystem.api.auth.Role;
import org.ordersystem.api.config.CallsServices;
import org.ordersystem.api.dev.FaultControl.Service;
import org.ordersystem.api.problems.ApiProblem;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Switches faults on and off in the reference services, to rehearse failures on the local stack.
 * Exists only with {@code orders.dev.faults-enabled=true}; elsewhere its paths answer 404.
 */
@CallsServices
@RestController
@RequiresRole(Role.OPERATOR)
@ConditionalOnProperty(name = "orders.dev.faults-enabled", havingValue = "true")
public class FaultController {

  /** Longest latency that can be injected: longer only hides the failure behind timeouts. */
  static final long MAX_LATENCY_MS = 60_000;

  private final FaultControl faultControl;

  public FaultController(FaultControl faultControl) {
    this.faultControl = faultControl;
  }

  @Operation(summary = "Read the faults in force in a service (stock|shipping|payment|psp)")
  @GetMapping("/api/v1/dev/faults/{service}")
  public Faults get(@ServiceParameter @PathVariable("service") String service) {
    return faultControl.get(service(service));
  }

  @Operation(
      summary = "Replace the faults of a service (stock|shipping|payment|psp)",
      description =
          "Fields left out are zero or false. duplicateEvents and reorderEvents shape the"
              + " delivery of the psp's event feed (psp only; the other faults leave the feed"
              + " alone).",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = FaultsBody.class),
                      examples =
                          @ExampleObject(
                              name = "failHalfTheCalls",
                              value = "{\"errorRate\": 0.5, \"latencyMs\": 200}"))))
  @PutMapping("/api/v1/dev/faults/{service}")
  public Faults put(
      @ServiceParameter @PathVariable("service") String service,
      @RequestBody @Valid FaultsBody body) {
    Service target = service(service);
    return faultControl.set(target, body.toFaults());
  }

  @Operation(summary = "Clear the faults of a service; returns the (cleared) faults in force")
  @DeleteMapping("/api/v1/dev/faults/{service}")
  public Faults clear(@ServiceParameter @PathVariable("service") String service) {
    return faultControl.set(service(service), Faults.NONE);
  }

  /** Documents the {@code service} path variable with the names it accepts. */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  @Parameter(
      description = "The service whose faults to read or set; psp is the payment provider.",
      schema = @Schema(allowableValues = {"stock", "shipping", "payment", "psp"}))
  @interface ServiceParameter {}

  private static Service service(String name) {
    return Service.fromPath(name)
        .orElseThrow(
            () ->
                ApiProblem.notFound("No service '" + name + "': use " + Service.pathNames() + "."));
  }

  /** The faults to put in force; fields left out are zero or false. */
  @Schema(name = "FaultsBody", description = "Unknown fields are refused.")
  public record FaultsBody(
      @Schema(description = "Share of calls failing with UNAVAILABLE.", example = "0.5")
          @DecimalMin(value = "0", message = "must be between 0.0 and 1.0")
          @DecimalMax(value = "1", message = "must be between 0.0 and 1.0")
          Double errorRate,
      @Schema(description = "Added to every call.", example = "200")
          @Min(value = 0, message = "must be between 0 and " + MAX_LATENCY_MS)
          @Max(value = MAX_LATENCY_MS, message = "must be between 0 and " + MAX_LATENCY_MS)
          Long latencyMs,
      @Schema(description = "Every call fails with UNAVAILABLE.") Boolean outage,
      @Schema(description = "Every call does its work, then answers DEADLINE_EXCEEDED.")
          Boolean commitThenTimeout,
      @Schema(description = "psp only, its event feed: every event delivered twice.")
          Boolean duplicateEvents,
      @Schema(description = "psp only, its event feed: pages shuffled, one event held back.")
          Boolean reorderEvents) {

    Faults toFaults() {
      return new Faults(
          errorRate == null ? 0 : errorRate,
          latencyMs == null ? 0 : latencyMs,
          Boolean.TRUE.equals(outage),
          Boolean.TRUE.equals(commitThenTimeout),
          Boolean.TRUE.equals(duplicateEvents),
          Boolean.TRUE.equals(reorderEvents));
    }
  }
}
