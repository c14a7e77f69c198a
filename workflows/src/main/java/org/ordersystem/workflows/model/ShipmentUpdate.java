package org.ordersystem.workflows.model;

/** The shipping side telling an order that its parcel moved (DISPATCHED or DELIVERED). */
public record ShipmentUpdate(ShipmentState state) {}
