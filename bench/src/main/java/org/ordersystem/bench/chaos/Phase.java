package org.ordersystem.bench.chaos;

import java.util.Map;
import java.util.Optional;

/**
 * A stretch of the run, from order {@code from} (inclusive) to {@code to} (exclusive): the faults
 * in force in each service while its orders are placed (services left out are healthy), and the
 * part killed with {@code kill -9} once half of its orders are out, then started again.
 *
 * @param faults the body of {@code PUT /api/v1/dev/faults/{service}} per service name
 */
public record Phase(int from, int to, Map<String, String> faults, Optional<String> kill) {}
