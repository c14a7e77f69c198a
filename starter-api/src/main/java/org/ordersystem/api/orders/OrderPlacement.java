package org.ordersystem.api.orders;

import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ordersystem.api.auth.Caller;
import org.ordersystem.api.config.ApiProperties;
import org.ordersystem.api.grpc.DownstreamException;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.FieldError;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.api.products.Product;
import org.ordersystem.api.products.StockCatalog;
import org.ordersystem.api.web.BodyValidator;
import org.ordersystem.api.web.IdempotencyKeyHeader;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.readmodel.ReadModelException;
import org.ordersystem.readmodel.RestIdempotencyKeys;
import org.ordersystem.readmodel.StoredOrder;
import org.ordersystem.tracing.OrderContext;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Places an order: validates the request, takes a place among the placements in flight ({@link
 * PlacementAdmission}), validates and prices it, claims its Idempotency-Key, then starts (or
 * rejoins) the order's workflow with Update-with-Start and waits for its acceptance decision.
 *
 * <p>Nothing is written before the request is admitted and fully valid: a refused request (400,
 * 422, 429) leaves no key and no workflow behind, so the client can retry with the same key.
 */
@Component
public class OrderPlacement {

  /** The answer: 201 first use, 200 replay or finished order, 202 not decided yet. */
  public record Placed(HttpStatus status, OrderResponse order) {}

  private final StockCatalog catalog;
  private final RestIdempotencyKeys idempotencyKeys;
  private final OrderWorkflowGateway workflows;
  private final OrderReadModel readModel;
  private final OrderReader reader;
  private final PlacementAdmission admission;
  private final BodyValidator validator;
  private final Duration acceptTimeout;

  public OrderPlacement(
      PlacementAdmission admission,
      StockCatalog catalog,
      RestIdempotencyKeys idempotencyKeys,
      OrderWorkflowGateway workflows,
      OrderReadModel readModel,
      OrderReader reader,
      BodyValidator validator,
      ApiProperties properties) {
    this.catalog = catalog;
    this.idempotencyKeys = idempotencyKeys;
    this.workflows = workflows;
    this.readModel = readModel;
    this.reader = reader;
    this.admission = admission;
    this.validator = validator;
    this.acceptTimeout = properties.acceptTimeout();
  }

  public Placed place(Caller caller, String idempotencyKey, OrderRequestBody body) {
    List<FieldError> errors = new ArrayList<>();
    IdempotencyKeyHeader.check(idempotencyKey).ifPresent(errors::add);
    errors.addAll(validator.errors(body));
    // Admitted before the catalog is asked, the key claimed or a workflow started, so a refusal
    // costs next to nothing and changes nothing.
    return admission.admit(() -> placeAdmitted(caller, idempotencyKey, body, errors));
  }

  private Placed placeAdmitted(
      Caller caller, String idempotencyKey, OrderRequestBody body, List<FieldError> errors) {
    Map<String, Product> products = products(body, errors);
    long total = checkTotal(body, products, errors);
    if (!errors.isEmpty()) {
      throw ApiProblem.validation(errors);
    }
    OrderDraft draft = OrderDraft.of(body);

    RestIdempotencyKeys.Claim claim =
        idempotencyKeys.claim(
            caller.shopId(),
            idempotencyKey,
            RequestFingerprint.of(draft),
            UUID.randomUUID().toString());
    if (!claim.sameRequest()) {
      throw new ApiProblem(
          ProblemType.IDEMPOTENCY_CONFLICT,
          "Idempotency-Key reused with a different body: it already stands for order "
              + claim.orderId()
              + ". Use a new key for a new order.");
    }
    PlaceOrderRequest request = request(claim.orderId(), caller.shopId(), draft, products, total);
    HttpStatus decided = claim.firstUse() ? HttpStatus.CREATED : HttpStatus.OK;
    PlacementOutcome outcome;
    try (Scope order = OrderContext.enter(request.orderId())) {
      outcome = workflows.place(request, acceptTimeout);
    }
    if (outcome instanceof PlacementOutcome.Decided d) {
      return new Placed(decided, OrderResponse.from(d.order()));
    }
    if (outcome instanceof PlacementOutcome.AlreadyClosed) {
      StoredOrder finished =
          reader
              .find(request.orderId())
              .orElseThrow(
                  () ->
                      new ApiProblem(
                          ProblemType.SERVICE_UNAVAILABLE,
                          "Order " + request.orderId() + " is not readable yet; retry."));
      return new Placed(HttpStatus.OK, OrderResponse.from(finished));
    }
    // Not decided in time: answer with what is known; a decision that landed meanwhile counts.
    Optional<StoredOrder> stored = storedOrder(request.orderId());
    if (stored.isPresent() && stored.get().status().isFinal()) {
      return new Placed(decided, OrderResponse.from(stored.get()));
    }
    return new Placed(
        HttpStatus.ACCEPTED,
        stored.map(OrderResponse::from).orElseGet(() -> OrderResponse.creating(request)));
  }

  /**
   * The catalog entries of the body's well-formed skus (a sku refused already is not looked up);
   * unknown skus are reported as field errors. With other errors already found, an unavailable
   * catalog is not worth a 503: they are answered.
   */
  private Map<String, Product> products(OrderRequestBody body, List<FieldError> errors) {
    List<String> skus = new ArrayList<>();
    for (int i = 0; body.lines() != null && i < body.lines().size(); i++) {
      OrderRequestBody.Line line = body.lines().get(i);
      boolean invalidSku = hasError(errors, "lines[" + i + "]", "lines[" + i + "].sku");
      skus.add(line == null || invalidSku ? null : line.sku());
    }
    TreeSet<String> known = skus.stream().filter(Objects::nonNull).collect(toTreeSet());
    if (known.isEmpty()) {
      return Map.of();
    }
    Map<String, Product> products;
    try {
      products = catalog.forPricing(known);
    } catch (DownstreamException e) {
      if (!errors.isEmpty()) {
        // The request is invalid anyway: say so rather than send the client away with a 503.
        throw ApiProblem.validation(errors);
      }
      throw e;
    }
    for (int i = 0; i < skus.size(); i++) {
      String sku = skus.get(i);
      if (sku != null && !products.containsKey(sku)) {
        errors.add(new FieldError("lines[" + i + "].sku", "unknown sku " + sku));
      }
    }
    return products;
  }

  private static boolean hasError(List<FieldError> errors, String... fields) {
    List<String> at = List.of(fields);
    return errors.stream().anyMatch(e -> at.contains(e.field()));
  }

  private static boolean hasErrorUnder(List<FieldError> errors, String prefix) {
    return errors.stream().anyMatch(e -> e.field().startsWith(prefix));
  }

  private static java.util.stream.Collector<String, ?, TreeSet<String>> toTreeSet() {
    return Collectors.toCollection(TreeSet::new);
  }

  /** The order total from catalog prices, checked against the payment sources. */
  private static long checkTotal(
      OrderRequestBody body, Map<String, Product> products, List<FieldError> errors) {
    if (hasErrorUnder(errors, "body")
        || hasErrorUnder(errors, "lines")
        || hasErrorUnder(errors, "payment")) {
      return 0; // the sum would be meaningless; the errors already say what to fix
    }
    long total = 0;
    long paid = 0;
    try {
      for (OrderRequestBody.Line line : body.lines()) {
        total =
            Math.addExact(
                total, Math.multiplyExact(products.get(line.sku()).unitPrice(), line.quantity()));
      }
      for (OrderRequestBody.Source source : body.payment().sources()) {
        paid = Math.addExact(paid, source.amount());
      }
    } catch (ArithmeticException e) {
      errors.add(new FieldError("lines", "the order total is too large"));
      return 0;
    }
    if (paid != total) {
      errors.add(
          new FieldError(
              "payment.sources",
              "amounts add up to %d JPY but the order total is %d JPY".formatted(paid, total)));
    }
    return total;
  }

  private static PlaceOrderRequest request(
      String orderId, String shopId, OrderDraft draft, Map<String, Product> products, long total) {
    List<OrderLine> lines =
        draft.lines().stream()
            .map(l -> new OrderLine(l.sku(), l.quantity(), products.get(l.sku()).unitPrice()))
            .toList();
    return new PlaceOrderRequest(
        orderId,
        shopId,
        draft.customerId(),
        lines,
        total,
        draft.shippingAddress(),
        List.copyOf(draft.sources()));
  }

  private Optional<StoredOrder> storedOrder(String orderId) {
    try {
      return readModel.find(orderId);
    } catch (ReadModelException e) {
      return Optional.empty(); // the order runs; its stored copy is only a nicer answer
    }
  }
}
