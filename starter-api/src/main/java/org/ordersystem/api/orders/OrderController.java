package org.ordersystem.api.orders;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import org.ordersystem.api.auth.Caller;
import org.ordersystem.api.auth.RequiresRole;
import org.ordersystem.api.auth.Role;
import org.ordersystem.api.config.CallsServices;
import org.ordersystem.api.web.CustomerIds;
import org.ordersystem.api.web.IdempotencyKeyHeader;
import org.ordersystem.api.web.Text;
import org.ordersystem.workflows.model.OrderStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Orders: shops place, cancel and read their own; operators cancel and read all. */
@RestController
public class OrderController {

  private static final String MIXED_SOURCES_EXAMPLE =
      """
      {
        "customerId": "cust-001",
        "lines": [{"sku": "TSHIRT-M", "quantity": 1}, {"sku": "MUG-BLUE", "quantity": 1}],
        "shippingAddress": {
          "name": "Hanako Yamada", "postalCode": "100-0001", "region": "Tokyo",
          "line1": "1-1 Chiyoda", "country": "JP"
        },
        "payment": {
          "sources": [
            {"type": "BALANCE", "amount": 2000},
            {"type": "POINTS", "amount": 500},
            {"type": "CARD", "amount": 1200, "cardToken": "tok_ok"}
          ]
        }
      }
      """;

  private final OrderPlacement placement;
  private final OrderCancellation cancellation;
  private final OrderReader reader;
  private final OrderListing listing;

  public OrderController(
      OrderPlacement placement,
      OrderCancellation cancellation,
      OrderReader reader,
      OrderListing listing) {
    this.placement = placement;
    this.cancellation = cancellation;
    this.reader = reader;
    this.listing = listing;
  }

  @Operation(
      summary = "Place an order (shop)",
      description =
          "Answers once the order is accepted (stock reserved, every payment leg authorized) or"
              + " rejected: 201, or 200 when the Idempotency-Key was used before with the same"
              + " body. If the decision takes longer than the accept timeout: 202 with status"
              + " CREATING; poll the Location. The order pays from BALANCE, POINTS and CARD in"
              + " any combination (each type once); payment.legs shows each leg's state. Invalid"
              + " requests get 400 with every field error, a key reused with another body 422;"
              + " neither writes anything. When too many orders are being placed at once: 429"
              + " with Retry-After, at once and before anything is done; send the same request"
              + " with the same Idempotency-Key after that many seconds (with jittered backoff),"
              + " never with a new key.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = OrderRequestBody.class),
                      examples =
                          @ExampleObject(
                              name = "balancePointsAndCard",
                              summary = "3700 JPY paid from the balance, points and a card",
                              value = MIXED_SOURCES_EXAMPLE))))
  @ApiResponse(
      responseCode = "201",
      description = "Accepted or rejected (status CREATING or REJECTED).",
      useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "200",
      description = "The Idempotency-Key was used before with the same body: that order.",
      useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "202",
      description = "Not decided within the accept timeout: status CREATING; poll the Location.",
      useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "400",
      description = "Invalid request; errors lists every field.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "422",
      description = "Idempotency-Key reused with another body (idempotency-conflict).",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "429",
      description =
          "Too many orders are being placed (too-many-placements). Nothing was done: the key is"
              + " not used and no order started. Send the same request with the same"
              + " Idempotency-Key after Retry-After seconds, with jittered exponential backoff;"
              + " never with a new key.",
      headers =
          @Header(
              name = HttpHeaders.RETRY_AFTER,
              description = "Seconds to wait before retrying; at least 1.",
              schema = @Schema(type = "integer", minimum = "1", example = "1")),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "503",
      description =
          "A dependency is unavailable (service-unavailable); retry with the same"
              + " Idempotency-Key.",
      headers =
          @Header(
              name = HttpHeaders.RETRY_AFTER,
              description = "Seconds to wait before retrying.",
              schema = @Schema(type = "integer", minimum = "1")),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              schema = @Schema(implementation = ProblemDetail.class)))
  @PostMapping(path = "/api/v1/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
  @RequiresRole(Role.SHOP)
  @CallsServices // the catalog
  public ResponseEntity<OrderResponse> place(
      Caller caller,
      @IdempotencyKeyHeader.Documented
          @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false)
          String idempotencyKey,
      @RequestBody OrderRequestBody body) {
    OrderPlacement.Placed placed = placement.place(caller, idempotencyKey, body);
    return ResponseEntity.status(placed.status())
        .location(URI.create("/api/v1/orders/" + placed.order().orderId()))
        .body(placed.order());
  }

  @Operation(
      summary = "Cancel an order still being placed (its shop or an operator)",
      description =
          "Accepted only while the order is CREATING and its capture has not begun; the"
              + " reservations and authorizations are then released. 200 with the CANCELLED"
              + " order, or 202 with the order as it stands when the release takes longer than"
              + " the accept timeout (poll the order). 409 when it is too late, with the reason;"
              + " 404 for an unknown order or another shop's. Safe to repeat: a repeated cancel"
              + " answers the first one's result.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = false,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = CancelOrderBody.class))))
  @ApiResponse(responseCode = "200", description = "Cancelled.", useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "202",
      description = "Cancellation accepted, compensations still running.",
      useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "400",
      description = "Invalid body.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  @ApiResponse(
      responseCode = "404",
      description = "No such order for this caller.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  @ApiResponse(
      responseCode = "409",
      description = "Too late to cancel (order-not-cancellable); the detail says why.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  @PostMapping("/api/v1/orders/{orderId}/cancel")
  public ResponseEntity<OrderResponse> cancel(
      Caller caller,
      @PathVariable("orderId") String orderId,
      @RequestBody(required = false) @Valid CancelOrderBody body) {
    OrderCancellation.Cancelled cancelled = cancellation.cancel(caller, orderId, body);
    return ResponseEntity.status(cancelled.status()).body(cancelled.order());
  }

  /** The cancel body; optional, as is its reason. */
  @Schema(name = "CancelOrderBody", description = "Optional; unknown fields are refused.")
  public record CancelOrderBody(
      @Schema(example = "Customer changed their mind")
          @Text(max = OrderCancellation.MAX_REASON_LENGTH)
          String reason) {}

  @Operation(summary = "Read an order (a shop sees only its own)")
  @GetMapping("/api/v1/orders/{orderId}")
  public OrderResponse get(Caller caller, @PathVariable("orderId") String orderId) {
    return OrderResponse.from(reader.findVisible(caller, orderId));
  }

  @Operation(summary = "List orders, newest first (a shop sees only its own)")
  @GetMapping("/api/v1/orders")
  public OrderListing.OrderList list(
      Caller caller,
      @Parameter(
              schema =
                  @Schema(
                      type = "string",
                      maxLength = CustomerIds.MAX_LENGTH,
                      pattern = "^" + CustomerIds.PATTERN + "$"))
          @RequestParam(name = "customerId", required = false)
          String customerId,
      @Parameter(
              description = OrderListing.STATUS_HINT,
              schema = @Schema(implementation = OrderStatus.class))
          @RequestParam(name = "status", required = false)
          String status,
      @Parameter(
              description = "1 to 100, default 20",
              schema = @Schema(type = "integer", minimum = "1", maximum = "100"))
          @RequestParam(name = "pageSize", required = false)
          String pageSize,
      @Parameter(description = "nextPageToken of the previous page")
          @RequestParam(name = "pageToken", required = false)
          String pageToken) {
    return listing.list(
        new OrderListing.Request(
            caller.isOperator() ? null : caller.shopId(),
            customerId,
            status,
            "pageSize",
            pageSize,
            pageToken));
  }
}
