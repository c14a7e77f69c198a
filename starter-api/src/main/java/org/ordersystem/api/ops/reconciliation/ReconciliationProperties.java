package org.ordersystem.api.ops.reconciliation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Payment reconciliation as the API sees it ({@code orders.reconciliation.*}).
 *
 * @param dbUrl JDBC URL of the reconciliation database; blank for the {@code reconciliation}
 *     database beside the read model's
 * @param runTimeout how long {@code POST .../runs} waits for the run before answering 202
 * @param window how far back a run started here compares
 * @param grace how young a one-sided change is still EXPECTED
 */
@ConfigurationProperties("orders.reconciliation")
public record ReconciliationProperties(
    String dbUrl, Duration runTimeout, Duration window, Duration grace) {}
