package org.ordersystem.api.orders;

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
import org.ordersystem.api.web.CustomerIds;
import org.ordersystem.api.web.DistinctSkus;
import org.ordersystem.api.web.Duplicates;
import org.ordersystem.api.web.Skus;
import org.ordersystem.api.web.Text;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.ShippingAddress;
import org.ordersystem.workflows.model.SourceType;

/**
 * The POST /api/v1/orders body: read, checked and documented from these declarations. The catalog
 * checks (known skus, the total) come after, in {@link OrderPlacement}.
 *
 * <p>Payment sources: BALANCE, POINTS and CARD in any combination, each type at most once, in the
 * order the legs are tried. One leg per type keeps one reservation per account and one card
 * authorization per order, so a leg's state says all there is about its source; splitting a source
 * in two buys nothing. A CARD source needs its PSP {@code cardToken}; other sources must not carry
 * one, so a token can never be sent where it would be ignored.
 */
@Schema(name = "PlaceOrderBody", description = "An order to place; unknown fields are refused.")
public record OrderRequestBody(
    @Schema(example = "cust-001")
        @NotNull(message = REQUIRED)
        @Text(max = CustomerIds.MAX_LENGTH, pattern = CustomerIds.PATTERN, hint = CustomerIds.HINT)
        String customerId,
    @ArraySchema(
            schema = @Schema(implementation = Line.class),
            arraySchema = @Schema(description = "One line per sku."))
        @NotNull(message = REQUIRED)
        @Size(min = 1, max = MAX_LINES, message = "must have between 1 and " + MAX_LINES + " items")
        @DistinctSkus
        List<@NotNull(message = REQUIRED) @Valid Line> lines,
    @NotNull(message = REQUIRED) @Valid Address shippingAddress,
    @NotNull(message = REQUIRED) @Valid Payment payment) {

  static final String REQUIRED = "is required";
  static final int MAX_LINES = 100;
  static final int MAX_QUANTITY = 1000;

  /** One source per type: BALANCE, POINTS, CARD. */
  static final int MAX_SOURCES = 3;

  static final int MAX_CARD_TOKEN_LENGTH = 64;

  /** One trillion yen: far above any real order, low enough that sums cannot overflow. */
  static final long MAX_AMOUNT = 1_000_000_000_000L;

  /** One line; its price comes from the catalog. */
  @Schema(name = "OrderedLine")
  public record Line(
      @Schema(example = "TSHIRT-M")
          @NotNull(message = REQUIRED)
          @Text(max = Skus.MAX_LENGTH, pattern = Skus.PATTERN, hint = Skus.HINT)
          String sku,
      @Schema(example = "2")
          @NotNull(message = REQUIRED)
          @Min(value = 1, message = "must be between 1 and " + MAX_QUANTITY)
          @Max(value = MAX_QUANTITY, message = "must be between 1 and " + MAX_QUANTITY)
          Integer quantity)
      implements DistinctSkus.Line {}

  /** Where to ship. */
  @Schema(name = "ShippingAddressRequest")
  public record Address(
      @Schema(example = "Hanako Yamada") @NotNull(message = REQUIRED) @Text(max = 100) String name,
      @Schema(example = "100-0001") @NotNull(message = REQUIRED) @Text(max = 16) String postalCode,
      @Schema(example = "Tokyo") @NotNull(message = REQUIRED) @Text(max = 64) String region,
      @Schema(example = "1-1 Chiyoda") @NotNull(message = REQUIRED) @Text(max = 200) String line1,
      @Text(max = 200) String line2,
      @Schema(example = "JP")
          @NotNull(message = REQUIRED)
          @Text(
              max = 2,
              pattern = "[A-Z]{2}",
              hint = "must be an ISO 3166-1 alpha-2 code in capitals, such as JP")
          String country) {

    ShippingAddress toShippingAddress() {
      return new ShippingAddress(name, postalCode, region, line1, line2, country);
    }
  }

  /** How the order is paid. */
  @Schema(name = "PaymentRequest")
  public record Payment(
      @ArraySchema(
              schema = @Schema(implementation = Source.class),
              arraySchema =
                  @Schema(
                      description =
                          "BALANCE, POINTS and CARD in any combination, each type at most once,"
                              + " in the order the legs are tried. The amounts must add up to"
                              + " the order total (catalog prices times quantities)."))
          @NotNull(message = REQUIRED)
          @Size(
              min = 1,
              max = MAX_SOURCES,
              message = "must have between 1 and " + MAX_SOURCES + " items")
          @DistinctTypes
          List<@NotNull(message = REQUIRED) @Valid Source> sources) {}

  /** One funding source. */
  @Schema(name = "PaymentSourceRequest")
  @CardTokenForCardsOnly
  public record Source(
      @Schema(example = "BALANCE") @NotNull(message = REQUIRED) SourceType type,
      @Schema(description = "JPY; for POINTS, points (one point pays one yen).", example = "2000")
          @NotNull(message = REQUIRED)
          @Min(value = 1, message = "must be between 1 and " + MAX_AMOUNT)
          @Max(value = MAX_AMOUNT, message = "must be between 1 and " + MAX_AMOUNT)
          Long amount,
      @Schema(
              description =
                  "The PSP's card token: required for CARD, refused for other types. Test"
                      + " tokens: tok_ok, tok_declined, tok_insufficient_funds.",
              example = "tok_ok")
          @Text(
              max = MAX_CARD_TOKEN_LENGTH,
              pattern = "[\\x21-\\x7E]+",
              hint = "must be printable ASCII without spaces")
          String cardToken) {

    PaymentSource toPaymentSource() {
      return new PaymentSource(type, amount, cardToken);
    }
  }

  /** The payment sources name each type once; each duplicate is an error at its {@code type}. */
  @Target(ElementType.FIELD)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = DistinctTypesValidator.class)
  @interface DistinctTypes {
    String message() default "names a source type twice";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Checks {@link DistinctTypes}. */
  public static final class DistinctTypesValidator
      implements ConstraintValidator<DistinctTypes, List<Source>> {
    @Override
    public boolean isValid(List<Source> sources, ConstraintValidatorContext context) {
      return Duplicates.refuse(
          sources,
          Source::type,
          "type",
          first -> "duplicate of payment.sources[" + first + "].type; pay each source type once",
          context);
    }
  }

  /** A CARD source carries its card token; no other source carries one. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = CardTokenValidator.class)
  @interface CardTokenForCardsOnly {
    String message() default "card token does not match the source type";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Checks {@link CardTokenForCardsOnly}; the error is at {@code cardToken}. */
  public static final class CardTokenValidator
      implements ConstraintValidator<CardTokenForCardsOnly, Source> {
    @Override
    public boolean isValid(Source source, ConstraintValidatorContext context) {
      if (source == null || source.type() == null) {
        return true; // the type's error says what to fix first; the token's rule depends on it
      }
      String error = null;
      if (source.type() == SourceType.CARD && source.cardToken() == null) {
        error = REQUIRED;
      } else if (source.type() != SourceType.CARD && source.cardToken() != null) {
        error = "is only allowed for CARD sources";
      }
      if (error == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context
          .buildConstraintViolationWithTemplate(error)
          .addPropertyNode("cardToken")
          .addConstraintViolation();
      return false;
    }
  }
}
