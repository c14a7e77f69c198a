package org.ordersystem.workflows.reconciliation;

import java.util.List;
import java.util.Map;

/**
 * What one comparison found; the mismatches are stored by then.
 *
 * @param compared legs compared
 * @param classes how many of each class, EXPECTED included; agreeing legs are not counted here
 * @param autoResolved stored mismatches whose sides agree now, closed as AUTO_RESOLVED
 * @param open every OPEN mismatch in the window, oldest first
 */
public record CompareResult(
    int compared, Map<MismatchClass, Integer> classes, int autoResolved, List<Mismatch> open) {}
