package org.ordersystem.api.slo;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.ordersystem.api.auth.RequiresRole;
import org.ordersystem.api.auth.Role;
import org.ordersystem.api.config.AnswersFromMemory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The objectives as the system evaluates them, for operators. */
@AnswersFromMemory
@RestController
@RequiresRole(Role.OPERATOR)
@ConditionalOnProperty(name = "orders.slo.enabled", havingValue = "true", matchIfMissing = true)
public class SloController {

  /** The answer: every objective, and where its alerts are explained. */
  public record SloReport(List<SloStatus> slos, String runbook) {}

  private final SloEvaluator evaluator;
  private final SloProperties properties;

  public SloController(SloEvaluator evaluator, SloProperties properties) {
    this.evaluator = evaluator;
    this.properties = properties;
  }

  @Operation(
      summary = "Service level objectives: budget left and burn rates (operators)",
      description =
          "For each objective (order acceptance, order completion): the objective, the share of"
              + " the error budget left over the budget period, and for each multiwindow alert"
              + " (page-fast 1h/5m at 14.4, page-slow 6h/30m at 6, ticket 3d/6h at 1 by default)"
              + " the burn rate over its long and short windows and whether it fires. Counted in"
              + " memory by this API process since it started.")
  @GetMapping("/api/v1/ops/slo")
  public SloReport slo() {
    return new SloReport(evaluator.evaluate(), properties.runbookUrl());
  }
}
