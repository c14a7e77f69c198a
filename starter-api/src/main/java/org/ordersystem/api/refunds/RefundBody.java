package org.ordersystem.api.refunds;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.ordersystem.api.web.Skus;

/**
 * The POST /refunds body as the OpenAPI document describes it. Documentation only: the body is read
 * by {@link RefundRequestParser}, whose bounds these follow.
 */
@Schema(
    name = "RefundRequestBody",
    description =
        "Exactly one of amount and lines, and a reason; unknown fields are refused. Whether the"
            + " refund is possible (no more than what is left to refund, lines the order has) is"
            + " decided by the order: 422 otherwise.")
record RefundBody(
    @Schema(
            requiredMode = NOT_REQUIRED,
            description = "JPY to refund; not with lines.",
            minimum = "1",
            maximum = "" + RefundRequestParser.MAX_AMOUNT,
            example = "500")
        Long amount,
    @ArraySchema(
            minItems = 1,
            maxItems = RefundRequestParser.MAX_LINES,
            schema = @Schema(implementation = ReturnedLine.class),
            arraySchema =
                @Schema(
                    requiredMode = NOT_REQUIRED,
                    description =
                        "Units to return and restock, priced as ordered; one line per sku; not"
                            + " with amount."))
        List<ReturnedLine> lines,
    @Schema(
            requiredMode = REQUIRED,
            minLength = 1,
            maxLength = RefundRequestParser.MAX_REASON_LENGTH,
            example = "Damaged in transit")
        String reason) {

  /** Units of one sku of the order. */
  @Schema(name = "RefundLineRequest")
  record ReturnedLine(
      @Schema(
              requiredMode = REQUIRED,
              maxLength = Skus.MAX_LENGTH,
              pattern = Skus.PATTERN,
              example = "SKU-1")
          String sku,
      @Schema(
              requiredMode = REQUIRED,
              minimum = "1",
              maximum = "" + RefundRequestParser.MAX_QUANTITY,
              example = "1")
          int quantity) {}
}
