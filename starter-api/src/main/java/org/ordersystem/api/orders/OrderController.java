package org.ordersystem.api.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.ordersystem.api.auth.Caller;
import org.ordersystem.api.auth.RequiresRole;
import org.ordersystem.api.auth.Role;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.FieldError;
import org.ordersystem.api.web.CustomerIds;
import org.ordersystem.readmodel.OrderPage;
import org.ordersystem.readmodel.OrderQuery;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.workflows.model.OrderStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Orders: shops place and read their own; operators read all. */
@RestController
public class OrderController {

  /** One page of orders, newest first; {@code nextPageToken} is null on the last page. */
  public record OrderList(List<OrderResponse> items, String nextPageToken) {}

  static final int DEFAULT_PAGE_SIZE = 20;

  private static final String MIXED_SOURCES_EXAMPLE =
      """
      {
        "customerId": "cust-1",
        "lines": [{"sku": "SKU-1", "quantity": 2}, {"sku": "SKU-2", "quantity": 1}],
        "shippingAddress": {
          "name": "Hanako Yamada", "postalCode": "100-0001", "region": "Tokyo",
          "line1": "1-1 Chiyoda", "country": "JP"
        },
        "payment": {
          "sources": [
            {"type": "BALANCE", "amount": 2000},
            {"type": "POINTS", "amount": 500},
            {"type": "CARD", "amount": 700, "cardToken": "tok_ok"}
          ]
        }
      }
      """;

  private final OrderPlacement placement;
  private final OrderReader reader;
  private final OrderReadModel readModel;

  public OrderController(OrderPlacement placement, OrderReader reader, OrderReadModel readModel) {
    this.placement = placement;
    this.reader = reader;
    this.readModel = readModel;
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
              + " neither writes anything.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = PlaceOrderBody.class),
                      examples =
                          @ExampleObject(
                              name = "balancePointsAndCard",
                              summary = "3200 JPY paid from the balance, points and a card",
                              value = MIXED_SOURCES_EXAMPLE))))
  @PostMapping(path = "/api/v1/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
  @RequiresRole(Role.SHOP)
  public ResponseEntity<OrderResponse> place(
      Caller caller,
      @Parameter(
              description =
                  "Unique per order, 1 to 255 printable ASCII characters; reuse it"
                      + " only to retry the same order.")
          @RequestHeader(name = "Idempotency-Key", required = false)
          String idempotencyKey,
      @RequestBody JsonNode body) {
    OrderPlacement.Placed placed = placement.place(caller, idempotencyKey, body);
    return ResponseEntity.status(placed.status())
        .location(URI.create("/api/v1/orders/" + placed.order().orderId()))
        .body(placed.order());
  }

  @Operation(summary = "Read an order (a shop sees only its own)")
  @GetMapping("/api/v1/orders/{orderId}")
  public OrderResponse get(Caller caller, @PathVariable("orderId") String orderId) {
    return OrderResponse.from(reader.findVisible(caller, orderId));
  }

  @Operation(summary = "List orders, newest first (a shop sees only its own)")
  @GetMapping("/api/v1/orders")
  public OrderList list(
      Caller caller,
      @RequestParam(name = "customerId", required = false) String customerId,
      @Parameter(description = "CREATING, COMPLETED, REJECTED or CANCELLED")
          @RequestParam(name = "status", required = false)
          String status,
      @Parameter(description = "1 to 100, default 20")
          @RequestParam(name = "pageSize", required = false)
          String pageSize,
      @Parameter(description = "nextPageToken of the previous page")
          @RequestParam(name = "pageToken", required = false)
          String pageToken) {
    List<FieldError> errors = new ArrayList<>();
    if (customerId != null && !CustomerIds.isValid(customerId)) {
      errors.add(new FieldError("customerId", "must be a customer id (" + CustomerIds.HINT + ")"));
    }
    OrderStatus statusFilter = status == null ? null : status(status, errors);
    int limit = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize(pageSize, errors);
    if (pageToken != null && (pageToken.isEmpty() || pageToken.length() > 512)) {
      errors.add(new FieldError("pageToken", "is not a page token of this API"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.validation(errors);
    }
    OrderQuery query =
        new OrderQuery(
            caller.isOperator() ? null : caller.shopId(),
            customerId,
            statusFilter,
            pageToken,
            limit);
    OrderPage page;
    try {
      page = readModel.list(query);
    } catch (IllegalArgumentException e) { // the only one list throws: an undecodable token
      throw ApiProblem.validation(
          List.of(new FieldError("pageToken", "is not a page token of this API")));
    }
    return new OrderList(
        page.items().stream().map(OrderResponse::from).toList(), page.nextPageToken());
  }

  private static OrderStatus status(String value, List<FieldError> errors) {
    for (OrderStatus s : OrderStatus.values()) {
      if (s.name().equals(value)) {
        return s;
      }
    }
    errors.add(new FieldError("status", "must be one of CREATING, COMPLETED, REJECTED, CANCELLED"));
    return null;
  }

  private static int pageSize(String value, List<FieldError> errors) {
    try {
      int size = Integer.parseInt(value);
      if (size >= 1 && size <= OrderQuery.MAX_LIMIT) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(
        new FieldError("pageSize", "must be a whole number from 1 to " + OrderQuery.MAX_LIMIT));
    return DEFAULT_PAGE_SIZE;
  }
}
