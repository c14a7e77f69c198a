package org.ordersystem.api.orders;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.ordersystem.api.web.CustomerIds;
import org.ordersystem.workflows.model.SourceType;

/**
 * The POST /api/v1/orders body as the OpenAPI document describes it. Documentation only: the body
 * is read field by field by {@link OrderRequestParser}, which reports every error at once, so these
 * bounds must follow the parser's.
 */
@Schema(name = "PlaceOrderBody", description = "An order to place; unknown fields are refused.")
record PlaceOrderBody(
    @Schema(
            requiredMode = REQUIRED,
            maxLength = CustomerIds.MAX_LENGTH,
            pattern = CustomerIds.PATTERN,
            example = "cust-1")
        String customerId,
    @ArraySchema(
            minItems = 1,
            maxItems = OrderRequestParser.MAX_LINES,
            schema = @Schema(implementation = OrderedLine.class),
            arraySchema = @Schema(requiredMode = REQUIRED, description = "One line per sku."))
        List<OrderedLine> lines,
    @Schema(requiredMode = REQUIRED) Address shippingAddress,
    @Schema(requiredMode = REQUIRED) PaymentRequest payment) {

  /** One line; its price comes from the catalog. */
  @Schema(name = "OrderedLine")
  record OrderedLine(
      @Schema(requiredMode = REQUIRED, maxLength = 64, example = "SKU-1") String sku,
      @Schema(
              requiredMode = REQUIRED,
              minimum = "1",
              maximum = "" + OrderRequestParser.MAX_QUANTITY,
              example = "2")
          int quantity) {}

  /** Where to ship. */
  @Schema(name = "ShippingAddressRequest")
  record Address(
      @Schema(requiredMode = REQUIRED, maxLength = 100, example = "Hanako Yamada") String name,
      @Schema(requiredMode = REQUIRED, maxLength = 16, example = "100-0001") String postalCode,
      @Schema(requiredMode = REQUIRED, maxLength = 64, example = "Tokyo") String region,
      @Schema(requiredMode = REQUIRED, maxLength = 200, example = "1-1 Chiyoda") String line1,
      @Schema(requiredMode = NOT_REQUIRED, maxLength = 200) String line2,
      @Schema(requiredMode = REQUIRED, pattern = "[A-Z]{2}", example = "JP") String country) {}

  /** How the order is paid. */
  @Schema(name = "PaymentRequest")
  record PaymentRequest(
      @ArraySchema(
              minItems = 1,
              maxItems = OrderRequestParser.MAX_SOURCES,
              schema = @Schema(implementation = Source.class),
              arraySchema =
                  @Schema(
                      requiredMode = REQUIRED,
                      description =
                          "BALANCE, POINTS and CARD in any combination, each type at most once,"
                              + " in the order the legs are tried. The amounts must add up to"
                              + " the order total (catalog prices times quantities)."))
          List<Source> sources) {}

  /** One funding source. */
  @Schema(name = "PaymentSourceRequest")
  record Source(
      @Schema(requiredMode = REQUIRED, example = "BALANCE") SourceType type,
      @Schema(
              requiredMode = REQUIRED,
              description = "JPY; for POINTS, points (one point pays one yen).",
              minimum = "1",
              example = "2000")
          long amount,
      @Schema(
              requiredMode = NOT_REQUIRED,
              description =
                  "The PSP's card token: required for CARD, refused for other types. Test"
                      + " tokens: tok_ok, tok_declined, tok_insufficient_funds.",
              minLength = 1,
              maxLength = OrderRequestParser.MAX_CARD_TOKEN_LENGTH,
              pattern = "[\\x21-\\x7E]+",
              example = "tok_ok")
          String cardToken) {}
}
