package org.ordersystem.api.refunds;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;
import org.ordersystem.api.auth.Caller;
import org.ordersystem.api.orders.OrderReader;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.web.IdempotencyKeyHeader;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Refunds of completed orders: by the order's shop or an operator. */
@RestController
public class RefundController {

  /** An order's refunds, oldest first. */
  public record RefundList(List<RefundResponse> items) {}

  private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  private final RefundRequests requests;
  private final RefundReader refunds;
  private final OrderReader orders;

  public RefundController(RefundRequests requests, RefundReader refunds, OrderReader orders) {
    this.requests = requests;
    this.refunds = refunds;
    this.orders = orders;
  }

  @Operation(
      summary = "Refund an order, fully or partly (its shop or an operator)",
      description =
          "Refunds an amount or lines of a COMPLETED or PARTIALLY_REFUNDED order. Money goes back"
              + " to the legs it came from, returned lines are restocked, and a full refund before"
              + " dispatch cancels the shipment. Refunds of one order run one at a time and never"
              + " return more than was captured. The Idempotency-Key names the refund: a retry"
              + " with the same key and body answers the same refund, the same key with another"
              + " body 422. Nothing is written for any 4xx.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = RefundBody.class),
                      examples = {
                        @ExampleObject(
                            name = "amount",
                            summary = "500 JPY back",
                            value = "{\"amount\": 500, \"reason\": \"Late delivery\"}"),
                        @ExampleObject(
                            name = "lines",
                            summary = "One TSHIRT-M returned",
                            value =
                                "{\"lines\": [{\"sku\": \"TSHIRT-M\", \"quantity\": 1}],"
                                    + " \"reason\": \"Damaged in transit\"}")
                      })))
  @ApiResponse(
      responseCode = "201",
      description = "Refunded within the accept timeout.",
      useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "200",
      description = "A retry of a refund that had completed: the same refund.",
      useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "202",
      description =
          "Accepted, status REQUESTED (queued behind earlier refunds, or running); poll"
              + " the Location.",
      useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "400",
      description = "Invalid body or Idempotency-Key; errors lists every field.",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "404",
      description = "No such order for this caller.",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "409",
      description =
          "The order is not refundable (order-not-refundable), for instance not completed.",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "422",
      description =
          "More than is left to refund, or lines the order has not (invalid-refund); the"
              + " Idempotency-Key used with another body (idempotency-conflict).",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "503",
      description =
          "A dependency is unavailable, or the order's workflow is still catching up with a"
              + " completion its records already show (service-unavailable): send the same"
              + " request again after Retry-After.",
      content = @Content(mediaType = PROBLEM))
  @PostMapping(
      path = "/api/v1/orders/{orderId}/refunds",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<RefundResponse> request(
      Caller caller,
      @PathVariable("orderId") String orderId,
      @IdempotencyKeyHeader.Documented
          @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false)
          String idempotencyKey,
      @RequestBody RefundBody body) {
    RefundRequests.Requested requested = requests.request(caller, orderId, idempotencyKey, body);
    return ResponseEntity.status(requested.status())
        .location(location(orderId, requested.refund().refundId()))
        .body(requested.refund());
  }

  @Operation(summary = "List an order's refunds, oldest first (a shop sees only its own orders)")
  @ApiResponse(responseCode = "200", description = "The refunds.", useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "404",
      description = "No such order for this caller.",
      content = @Content(mediaType = PROBLEM))
  @GetMapping("/api/v1/orders/{orderId}/refunds")
  public RefundList list(Caller caller, @PathVariable("orderId") String orderId) {
    orders.findVisible(caller, orderId);
    return new RefundList(refunds.list(orderId).stream().map(RefundResponse::from).toList());
  }

  @Operation(summary = "Read one refund of an order (a shop sees only its own orders)")
  @ApiResponse(responseCode = "200", description = "The refund.", useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "404",
      description = "No such order for this caller, or no such refund of it.",
      content = @Content(mediaType = PROBLEM))
  @GetMapping("/api/v1/orders/{orderId}/refunds/{refundId}")
  public RefundResponse get(
      Caller caller,
      @PathVariable("orderId") String orderId,
      @PathVariable("refundId") String refundId) {
    orders.findVisible(caller, orderId);
    String notFound = "No refund " + refundId + " of order " + orderId + ".";
    if (!RefundIds.isWellFormed(refundId)) {
      throw ApiProblem.notFound(notFound);
    }
    return refunds
        .find(orderId, refundId)
        .map(RefundResponse::from)
        .orElseThrow(() -> ApiProblem.notFound(notFound));
  }

  private static URI location(String orderId, String refundId) {
    return URI.create("/api/v1/orders/" + orderId + "/refunds/" + refundId);
  }
}
