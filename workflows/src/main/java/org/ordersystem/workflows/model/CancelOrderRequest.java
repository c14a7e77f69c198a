package org.ordersystem.workflows.model;

/** A customer's or shop's request to stop an order that is still being placed. */
public record CancelOrderRequest(String reason) {}
