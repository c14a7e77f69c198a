package org.ordersystem.workflows.model;

/** Units of one sku returned by a refund. */
public record RefundLine(String sku, int quantity) {}
