package org.ordersystem.api.refunds;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.ordersystem.api.web.DistinctSkus;
import org.ordersystem.api.web.Skus;
import org.ordersystem.api.web.Text;
import org.ordersystem.workflows.model.RefundLine;

/**
 * The POST /refunds body: read, checked and documented from these declarations. Whether the refund
 * is possible (what is left to refund, which lines the order has) is the workflow's call, made by
 * its update validator.
 *
 * <p>Exactly one of {@code amount} and {@code lines}: a refund of both would leave it unclear
 * whether the amount is on top of the lines or their price. Duplicate skus are refused, as in an
 * order, rather than merged.
 */
@Schema(
    name = "RefundRequestBody",
    description =
        "Exactly one of amount and lines, and a reason; unknown fields are refused. Whether the"
            + " refund is possible (no more than what is left to refund, lines the order has) is"
            + " decided by the order: 422 otherwise.")
@RefundBody.AmountOrLines
public record RefundBody(
    @Schema(description = "JPY to refund; not with lines.", example = "500")
        @Min(value = 1, message = "must be between 1 and " + RefundBody.MAX_AMOUNT)
        @Max(
            value = RefundBody.MAX_AMOUNT,
            message = "must be between 1 and " + RefundBody.MAX_AMOUNT)
        Long amount,
    @ArraySchema(
            schema = @Schema(implementation = ReturnedLine.class),
            arraySchema =
                @Schema(
                    description =
                        "Units to return and restock, priced as ordered; one line per sku; not"
                            + " with amount."))
        @Size(min = 1, max = RefundBody.MAX_LINES, message = "must have between 1 and 100 items")
        @DistinctSkus
        List<@NotNull(message = "is required") @Valid ReturnedLine> lines,
    @Schema(example = "Damaged in transit")
        @NotNull(message = "is required")
        @Text(max = RefundBody.MAX_REASON_LENGTH)
        String reason) {

  static final int MAX_LINES = 100;
  static final int MAX_QUANTITY = 1000;
  static final long MAX_AMOUNT = 1_000_000_000_000L;
  static final int MAX_REASON_LENGTH = 500;

  /** The lines as the workflow takes them; null for a refund of an amount. */
  List<RefundLine> refundLines() {
    return lines == null
        ? null
        : lines.stream().map(l -> new RefundLine(l.sku(), l.quantity())).toList();
  }

  /** Units of one sku of the order. */
  @Schema(name = "RefundLineRequest")
  public record ReturnedLine(
      @Schema(example = "TSHIRT-M")
          @NotNull(message = "is required")
          @Text(max = Skus.MAX_LENGTH, pattern = Skus.PATTERN, hint = Skus.HINT)
          String sku,
      @Schema(example = "1")
          @NotNull(message = "is required")
          @Min(value = 1, message = "must be between 1 and " + MAX_QUANTITY)
          @Max(value = MAX_QUANTITY, message = "must be between 1 and " + MAX_QUANTITY)
          Integer quantity)
      implements DistinctSkus.Line {}

  /** Exactly one of amount and lines; the error is at {@code amount}. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = AmountOrLinesValidator.class)
  @interface AmountOrLines {
    String message() default "either amount or lines is required";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Checks {@link AmountOrLines}. */
  public static final class AmountOrLinesValidator
      implements ConstraintValidator<AmountOrLines, RefundBody> {
    @Override
    public boolean isValid(RefundBody body, ConstraintValidatorContext context) {
      if (body == null || (body.amount() == null) != (body.lines() == null)) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context
          .buildConstraintViolationWithTemplate(
              body.amount() == null
                  ? "either amount or lines is required"
                  : "must not be given together with lines: refund an amount or lines")
          .addPropertyNode("amount")
          .addConstraintViolation();
      return false;
    }
  }
}
