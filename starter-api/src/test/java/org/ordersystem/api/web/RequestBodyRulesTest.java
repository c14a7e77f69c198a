package org.ordersystem.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.orders.OrderRequestBody;
import org.ordersystem.api.orders.OrderRequestBody.Address;
import org.ordersystem.api.orders.OrderRequestBody.Line;
import org.ordersystem.api.orders.OrderRequestBody.Payment;
import org.ordersystem.api.orders.OrderRequestBody.Source;
import org.ordersystem.api.problems.FieldError;
import org.ordersystem.api.refunds.RefundBody;
import org.ordersystem.workflows.model.SourceType;

/** The request records' own rules, the cross-field ones above all, without Spring. */
class RequestBodyRulesTest {

  private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
  private static final BodyValidator VALIDATOR = new BodyValidator(FACTORY.getValidator());

  @AfterAll
  static void close() {
    FACTORY.close();
  }

  @Test
  void shouldAcceptAValidOrder() {
    assertThat(VALIDATOR.errors(order(List.of(line("TSHIRT-M", 2)), balance(5000)))).isEmpty();
  }

  @Test
  void shouldListEveryErrorOfAnOrderAtOnceAtItsPath() {
    OrderRequestBody body =
        new OrderRequestBody(
            "cust 1",
            List.of(line("TSHIRT-M", 0), line("TSHIRT-M", 1)),
            new Address(" ", "100-0001", "Tokyo", "1-1", null, "jp"),
            new Payment(List.of(new Source(SourceType.BALANCE, -1L, null))));

    assertThat(VALIDATOR.errors(body))
        .extracting(FieldError::field)
        .containsExactly(
            "customerId",
            "lines[0].quantity",
            "lines[1].sku",
            "payment.sources[0].amount",
            "shippingAddress.country",
            "shippingAddress.name");
  }

  @Test
  void shouldNameTheFirstLineOfADuplicateSku() {
    assertThat(VALIDATOR.errors(order(List.of(line("A", 1), line("B", 1), line("A", 2)), null)))
        .contains(
            new FieldError(
                "lines[2].sku", "duplicate of lines[0].sku; put the whole quantity on one line"));
  }

  @Test
  void shouldTieTheCardTokenToCardSources() {
    List<Source> sources =
        List.of(
            new Source(SourceType.BALANCE, 100L, "tok_ok"),
            new Source(SourceType.CARD, 100L, null),
            new Source(SourceType.POINTS, 100L, null));

    assertThat(VALIDATOR.errors(order(List.of(line("A", 1)), new Payment(sources))))
        .containsExactly(
            new FieldError("payment.sources[0].cardToken", "is only allowed for CARD sources"),
            new FieldError("payment.sources[1].cardToken", "is required"));
  }

  @Test
  void shouldRefuseASourceTypeTwice() {
    List<Source> sources =
        List.of(
            new Source(SourceType.POINTS, 100L, null), new Source(SourceType.POINTS, 100L, null));

    assertThat(VALIDATOR.errors(order(List.of(line("A", 1)), new Payment(sources))))
        .containsExactly(
            new FieldError(
                "payment.sources[1].type",
                "duplicate of payment.sources[0].type; pay each source type once"));
  }

  @Test
  void shouldTakeExactlyOneOfAmountAndLinesInARefund() {
    List<RefundBody.ReturnedLine> lines = List.of(new RefundBody.ReturnedLine("A", 1));

    assertThat(VALIDATOR.errors(new RefundBody(500L, null, "late"))).isEmpty();
    assertThat(VALIDATOR.errors(new RefundBody(null, lines, "damaged"))).isEmpty();
    assertThat(VALIDATOR.errors(new RefundBody(500L, lines, "both")))
        .containsExactly(
            new FieldError(
                "amount", "must not be given together with lines: refund an amount or lines"));
    assertThat(VALIDATOR.errors(new RefundBody(null, null, null)))
        .containsExactly(
            new FieldError("amount", "either amount or lines is required"),
            new FieldError("reason", "is required"));
  }

  @Test
  void shouldCountCharactersAsCodePoints() {
    String twoHundredEmoji = "\uD83D\uDCE6".repeat(200); // 400 UTF-16 units, 200 characters
    Address address = new Address("Hanako", "100-0001", "Tokyo", twoHundredEmoji, null, "JP");

    assertThat(VALIDATOR.errors(address)).isEmpty();
  }

  private static OrderRequestBody order(List<Line> lines, Payment payment) {
    return new OrderRequestBody(
        "cust-001",
        lines,
        new Address("Hanako", "100-0001", "Tokyo", "1-1", null, "JP"),
        payment == null ? balance(100) : payment);
  }

  private static Line line(String sku, int quantity) {
    return new Line(sku, quantity);
  }

  private static Payment balance(long amount) {
    return new Payment(List.of(new Source(SourceType.BALANCE, amount, null)));
  }
}
