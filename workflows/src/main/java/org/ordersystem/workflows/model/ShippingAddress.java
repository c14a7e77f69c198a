package org.ordersystem.workflows.model;

/** Where the parcel goes; {@code line2} may be null. */
public record ShippingAddress(
    String name, String postalCode, String region, String line1, String line2, String country) {}
