package org.ordersystem.api.problems;

/**
 * One invalid part of a request, listed in a problem's {@code errors}.
 *
 * @param field where the error is, as a path into the request ({@code lines[2].quantity}) or a
 *     header or parameter name ({@code Idempotency-Key})
 */
public record FieldError(String field, String message) {}
