package org.ordersystem.api.orders;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.FieldError;
import org.ordersystem.api.web.CustomerIds;
import org.ordersystem.readmodel.OrderPage;
import org.ordersystem.readmodel.OrderQuery;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.workflows.model.OrderStatus;
import org.springframework.stereotype.Component;

/**
 * Lists orders from the read model, newest first, in keyset pages: the shops' listing and the
 * operators' one across shops. Every parameter is checked before the read model is asked.
 */
@Component
public class OrderListing {

  /** One page of orders, newest first; {@code nextPageToken} is null on the last page. */
  public record OrderList(List<OrderResponse> items, String nextPageToken) {}

  /**
   * A listing as the request asked for it, parameters unchecked.
   *
   * @param shopId only this shop's orders; null for every shop (operators)
   * @param sizeParameter the page size parameter's name, for its field error
   */
  public record Request(
      String shopId,
      String customerId,
      String status,
      String sizeParameter,
      String size,
      String pageToken) {}

  public static final int DEFAULT_PAGE_SIZE = 20;

  /**
   * The statuses a listing filters by, for the OpenAPI document (a constant, as annotations need).
   */
  public static final String STATUS_HINT =
      "CREATING, PENDING, COMPLETED, REJECTED, CANCELLED, PARTIALLY_REFUNDED or REFUNDED";

  private static final String STATUSES =
      Arrays.stream(OrderStatus.values()).map(Enum::name).collect(Collectors.joining(", "));

  private static final String NOT_A_TOKEN = "is not a page token of this API";

  private final OrderReadModel readModel;

  public OrderListing(OrderReadModel readModel) {
    this.readModel = readModel;
  }

  /**
   * One page of orders.
   *
   * @throws ApiProblem 400 listing every invalid parameter
   */
  public OrderList list(Request request) {
    List<FieldError> errors = new ArrayList<>();
    String customerId = request.customerId();
    if (customerId != null && !CustomerIds.isValid(customerId)) {
      errors.add(new FieldError("customerId", "must be a customer id (" + CustomerIds.HINT + ")"));
    }
    OrderStatus status = request.status() == null ? null : status(request.status(), errors);
    int limit =
        request.size() == null
            ? DEFAULT_PAGE_SIZE
            : pageSize(request.sizeParameter(), request.size(), errors);
    String pageToken = request.pageToken();
    if (pageToken != null && (pageToken.isEmpty() || pageToken.length() > 512)) {
      errors.add(new FieldError("pageToken", NOT_A_TOKEN));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.validation(errors);
    }
    OrderPage page;
    try {
      page = readModel.list(new OrderQuery(request.shopId(), customerId, status, pageToken, limit));
    } catch (IllegalArgumentException e) { // the only one list throws: an undecodable token
      throw ApiProblem.validation(List.of(new FieldError("pageToken", NOT_A_TOKEN)));
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
    errors.add(new FieldError("status", "must be one of " + STATUSES));
    return null;
  }

  private static int pageSize(String name, String value, List<FieldError> errors) {
    try {
      int size = Integer.parseInt(value);
      if (size >= 1 && size <= OrderQuery.MAX_LIMIT) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError(name, "must be a whole number from 1 to " + OrderQuery.MAX_LIMIT));
    return DEFAULT_PAGE_SIZE;
  }
}
