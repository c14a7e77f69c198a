package org.ordersystem.workflows.model;

/** One funding source of an order and the amount it pays; {@code cardToken} only for CARD. */
public record PaymentSource(SourceType type, long amount, String cardToken) {}
