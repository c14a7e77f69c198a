package org.ordersystem.workflows.model;

/** Funding sources a payment leg can draw on. */
public enum SourceType {
  BALANCE,
  POINTS,
  CARD
}
