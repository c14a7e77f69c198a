package org.ordersystem.api.recovery;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.ordersystem.api.auth.Caller;
import org.ordersystem.api.auth.RequiresRole;
import org.ordersystem.api.auth.Role;
import org.ordersystem.api.orders.OrderListing;
import org.ordersystem.api.orders.OrderResponse;
import org.ordersystem.api.web.Text;
import org.ordersystem.workflows.model.OrderStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators find the orders that stopped PENDING, across shops, and retry or roll them back. */
@RestController
@RequiresRole(Role.OPERATOR)
public class PendingOrderController {

  private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  private final OrderListing listing;
  private final PendingOrderActions actions;

  public PendingOrderController(OrderListing listing, PendingOrderActions actions) {
    this.listing = listing;
    this.actions = actions;
  }

  @Operation(
      summary = "List orders of every shop, newest first (operator)",
      description =
          "status=PENDING lists the orders waiting for a retry or a rollback; each has its"
              + " pending block (step, reason, message, since, attempts, rollbackAllowed).")
  @ApiResponse(responseCode = "200", description = "One page.", useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "400",
      description = "Invalid status, limit or pageToken; errors lists each.",
      content = @Content(mediaType = PROBLEM))
  @GetMapping("/api/v1/ops/orders")
  public OrderListing.OrderList list(
      @Parameter(
              description = OrderListing.STATUS_HINT,
              example = "PENDING",
              schema = @Schema(implementation = OrderStatus.class))
          @RequestParam(name = "status", required = false)
          String status,
      @Parameter(
              description = "1 to 100, default 20",
              schema = @Schema(type = "integer", minimum = "1", maximum = "100"))
          @RequestParam(name = "limit", required = false)
          String limit,
      @Parameter(description = "nextPageToken of the previous page")
          @RequestParam(name = "pageToken", required = false)
          String pageToken) {
    return listing.list(new OrderListing.Request(null, null, status, "limit", limit, pageToken));
  }

  @Operation(
      summary = "Retry a PENDING order (operator)",
      description =
          "Runs the step the order stopped at again, with a fresh retry budget. 200 with the"
              + " order once the retry settled: COMPLETED (or another final status), or PENDING"
              + " again with one attempt more. 202 with the order as it stands while the step"
              + " still runs (poll the order). The note is kept with the order's history.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = false,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = RecoveryNoteBody.class))))
  @ApiResponse(responseCode = "200", description = "Settled.", useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "202",
      description = "Accepted, the step still runs.",
      useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "400",
      description = "Invalid body; nothing was sent.",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "404",
      description = "No such order.",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "409",
      description =
          "Not PENDING (order-not-pending: already retried or rolled back, or never stopped), or"
              + " its workflow is gone (workflow-not-running); the detail says why.",
      content = @Content(mediaType = PROBLEM))
  @PostMapping("/api/v1/ops/orders/{orderId}/retry")
  public ResponseEntity<OrderResponse> retry(
      Caller caller,
      @PathVariable("orderId") String orderId,
      @RequestBody(required = false) @Valid RecoveryNoteBody body) {
    PendingOrderActions.Answer answer = actions.retry(caller, orderId, body);
    return ResponseEntity.status(answer.status()).body(answer.order());
  }

  @Operation(
      summary = "Roll a PENDING order back (operator)",
      description =
          "Releases what the order holds (stock, payment authorizations, shipping), in reverse;"
              + " the order ends CANCELLED with reason ROLLED_BACK. 200 with the CANCELLED order,"
              + " or 202 with the order as it stands while the compensations run. Refused once"
              + " capture has begun (pending.rollbackAllowed false): only a retry helps then.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = false,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = RecoveryNoteBody.class))))
  @ApiResponse(responseCode = "200", description = "Rolled back.", useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "202",
      description = "Accepted, compensations still running.",
      useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "400",
      description = "Invalid body; nothing was sent.",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "404",
      description = "No such order.",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "409",
      description =
          "Not PENDING (order-not-pending), capture has begun (rollback-not-allowed), or its"
              + " workflow is gone (workflow-not-running); the detail says why.",
      content = @Content(mediaType = PROBLEM))
  @PostMapping("/api/v1/ops/orders/{orderId}/rollback")
  public ResponseEntity<OrderResponse> rollback(
      Caller caller,
      @PathVariable("orderId") String orderId,
      @RequestBody(required = false) @Valid RecoveryNoteBody body) {
    PendingOrderActions.Answer answer = actions.rollback(caller, orderId, body);
    return ResponseEntity.status(answer.status()).body(answer.order());
  }

  /** The retry and rollback body; optional, as is its note. */
  @Schema(name = "RecoveryNoteBody", description = "Optional; unknown fields are refused.")
  public record RecoveryNoteBody(
      @Schema(example = "Shipping is back up (incident 42)")
          @Text(max = PendingOrderActions.MAX_NOTE_LENGTH)
          String note) {}
}
