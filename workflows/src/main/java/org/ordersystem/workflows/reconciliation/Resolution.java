package org.ordersystem.workflows.reconciliation;

/** A decision and why, for the mismatch's record and the people who read it. */
public record Resolution(ResolutionAction action, String why) {}
