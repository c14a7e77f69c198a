package org.ordersystem.workflows.model;

/** The part of a refund returned to one payment leg. */
public record LegRefund(String legId, SourceType type, long amount) {}
