package org.ordersystem.api.recovery;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import org.ordersystem.api.auth.Caller;
import org.ordersystem.api.auth.RequiresRole;
import org.ordersystem.api.auth.Role;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.workflows.recovery.RecoverySettings;
import org.ordersystem.workflows.recovery.SweepRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators run a recovery sweep now, rather than waiting for the scheduled one, and read any sweep
 * back by its id (manual or scheduled), from its workflow.
 */
@RestController
@RequiresRole(Role.OPERATOR)
public class SweepController {

  /** A sweep still running; its Location answers the summary once it finished. */
  @Schema(name = "SweepInProgress")
  public record SweepInProgress(
      @Schema(example = "recovery-sweep-manual-3f1c2d4e-3b5a-4c7d-9e8f-0a1b2c3d4e5f")
          String sweepId) {}

  private static final String PATH = "/api/v1/ops/recovery/sweeps";
  private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  private final RecoverySweeps sweeps;
  private final RecoverySettings settings;
  private final RecoveryWaits waits;

  public SweepController(
      RecoverySweeps sweeps, RecoveryProperties properties, RecoveryWaits waits) {
    this.sweeps = sweeps;
    this.settings = properties.settings(); // a bad orders.recovery value stops the API at startup
    this.waits = waits;
  }

  @Operation(
      summary = "Run a recovery sweep now (operator)",
      description =
          "Finds PENDING orders and CREATING ones with no news for too long, and retries or"
              + " rolls them back as the recovery policy decides (orders.recovery.*), a bounded"
              + " number at once. 200 with the summary when the sweep finishes within the sweep"
              + " wait (30 s by default); otherwise 202 with its id and a Location to poll.")
  @ApiResponse(
      responseCode = "200",
      description = "Finished: what the sweep found and did.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = SweepResponse.class)))
  @ApiResponse(
      responseCode = "202",
      description = "Still running; GET the Location for its summary.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = SweepInProgress.class)))
  @ApiResponse(
      responseCode = "502",
      description = "The sweep ended without a summary (sweep-failed).",
      content = @Content(mediaType = PROBLEM))
  @PostMapping(PATH)
  public ResponseEntity<Object> start(Caller caller) {
    SweepRequest request = new SweepRequest("manual:" + caller.name(), settings);
    return answer(sweeps.start(request, waits.sweepWait()));
  }

  @Operation(
      summary = "Read a recovery sweep (operator)",
      description =
          "200 with the summary of a finished sweep, 202 while it runs. Any sweep's id works,"
              + " manual or scheduled, for as long as Temporal keeps its workflow.")
  @ApiResponse(
      responseCode = "200",
      description = "Finished: what the sweep found and did.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = SweepResponse.class)))
  @ApiResponse(
      responseCode = "202",
      description = "Still running.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = SweepInProgress.class)))
  @ApiResponse(
      responseCode = "404",
      description = "No such sweep.",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "502",
      description = "The sweep ended without a summary (sweep-failed).",
      content = @Content(mediaType = PROBLEM))
  @GetMapping(PATH + "/{sweepId}")
  public ResponseEntity<Object> get(
      @Parameter(example = "recovery-sweep-manual-3f1c2d4e-3b5a-4c7d-9e8f-0a1b2c3d4e5f")
          @PathVariable("sweepId")
          String sweepId) {
    return answer(
        sweeps
            .find(sweepId)
            .orElseThrow(() -> ApiProblem.notFound("No recovery sweep " + sweepId + ".")));
  }

  private static ResponseEntity<Object> answer(SweepOutcome outcome) {
    if (outcome instanceof SweepOutcome.Finished finished) {
      return ResponseEntity.ok(SweepResponse.from(finished.summary()));
    }
    if (outcome instanceof SweepOutcome.Running running) {
      return ResponseEntity.status(HttpStatus.ACCEPTED)
          .location(URI.create(PATH + "/" + running.sweepId()))
          .body(new SweepInProgress(running.sweepId()));
    }
    SweepOutcome.Failed failed = (SweepOutcome.Failed) outcome;
    throw new ApiProblem(
        ProblemType.SWEEP_FAILED,
        "Recovery sweep "
            + failed.sweepId()
            + " ended "
            + failed.closedAs()
            + " without a summary; see its workflow in Temporal UI, and start another.");
  }
}
