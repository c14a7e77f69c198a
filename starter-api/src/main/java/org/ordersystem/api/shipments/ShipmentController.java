package org.ordersystem.api.shipments;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.ordersystem.api.auth.RequiresRole;
import org.ordersystem.api.auth.Role;
import org.ordersystem.api.config.CallsServices;
import org.ordersystem.api.orders.OrderWorkflowGateway;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.web.OrderIds;
import org.ordersystem.workflows.model.ShipmentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators move shipments forward as the carrier would, and the order hears of it: the shipping
 * side's callback in the local stack.
 */
@CallsServices
@RestController
@RequiresRole(Role.OPERATOR)
public class ShipmentController {

  /** Where an order's parcel stands after the call. */
  public record ShipmentProgress(String orderId, ShipmentState shipmentState) {}

  /** The states an operator can move a shipment to. */
  public enum Target {
    DISPATCHED,
    DELIVERED
  }

  /** The body: the state to move the shipment to. */
  @Schema(name = "AdvanceShipmentBody", description = "Unknown fields are refused.")
  public record AdvanceShipmentBody(@NotNull(message = "is required") Target state) {}

  private static final Logger log = LoggerFactory.getLogger(ShipmentController.class);

  private final Shipments shipments;
  private final OrderWorkflowGateway workflows;

  public ShipmentController(Shipments shipments, OrderWorkflowGateway workflows) {
    this.shipments = shipments;
    this.workflows = workflows;
  }

  @Operation(
      summary = "Move an order's shipment to DISPATCHED or DELIVERED (operator)",
      description =
          "Advances the shipment in the shipping service, then tells the order (its"
              + " shipmentState; after dispatch a refund no longer cancels the shipment). Asking"
              + " for a state the shipment is in or has passed answers the state it is in, so a"
              + " retry is safe.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = AdvanceShipmentBody.class))))
  @ApiResponse(responseCode = "200", description = "Advanced.", useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "400",
      description = "State other than DISPATCHED or DELIVERED.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  @ApiResponse(
      responseCode = "404",
      description = "No shipment for the order.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  @ApiResponse(
      responseCode = "409",
      description = "The shipment was cancelled (shipment-cancelled).",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  @PostMapping(
      path = "/api/v1/ops/shipments/{orderId}/advance",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  public ShipmentProgress advance(
      @PathVariable("orderId") String orderId, @RequestBody @Valid AdvanceShipmentBody body) {
    ShipmentState target = ShipmentState.valueOf(body.state().name());
    if (!OrderIds.isValid(orderId)) {
      throw ApiProblem.notFound("No shipment for order " + orderId + ".");
    }
    ShipmentState now = shipments.advance(orderId, target);
    // The state the shipment is in, not the one asked for: it may have gone further already.
    if (!workflows.signalShipment(orderId, now)) {
      log.warn("shipment of order {} is {} but the order's workflow is not running", orderId, now);
    }
    return new ShipmentProgress(orderId, now);
  }
}
