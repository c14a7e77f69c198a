package org.ordersystem.api.ops.reconciliation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.ordersystem.api.auth.RequiresRole;
import org.ordersystem.api.auth.Role;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.FieldError;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.api.web.Text;
import org.ordersystem.reconciliation.MismatchStore;
import org.ordersystem.reconciliation.ReconciliationStoreException;
import org.ordersystem.workflows.reconciliation.Mismatch;
import org.ordersystem.workflows.reconciliation.MismatchState;
import org.ordersystem.workflows.reconciliation.ReconciliationSummary;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Payment reconciliation for operators: the mismatches, runs on demand, and resolving by hand. */
@RestController
@RequiresRole(Role.OPERATOR)
public class ReconciliationController {

  static final String BASE = "/api/v1/ops/reconciliation";
  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 200;
  static final int MAX_NOTE_LENGTH = 1000;

  /** How an operator closes a mismatch: what was done, and who did it (optional). */
  @Schema(name = "ResolveMismatchBody", description = "Unknown fields are refused.")
  public record ResolveBody(
      @Schema(example = "Refunded the duplicate charge by hand (ticket 7)")
          @NotNull(message = "is required")
          @Text(max = MAX_NOTE_LENGTH)
          String note,
      @Schema(example = "hanako") @Text(max = 128) String resolvedBy) {}

  /** A page of mismatches, newest first; {@code nextPageToken} is null on the last page. */
  public record MismatchList(List<MismatchResponse> items, String nextPageToken) {}

  /** A run still going when the answer was due. */
  public record RunAccepted(String runId, String status) {}

  private final ReconciliationStores stores;
  private final ReconciliationRuns runs;

  public ReconciliationController(ReconciliationStores stores, ReconciliationRuns runs) {
    this.stores = stores;
    this.runs = runs;
  }

  @Operation(summary = "List payment mismatches, newest first (operator)")
  @GetMapping(BASE + "/mismatches")
  public MismatchList list(
      @Parameter(
              description = "OPEN, AUTO_RESOLVED or RESOLVED_BY_OPERATOR; all when absent",
              schema = @Schema(implementation = MismatchState.class))
          @RequestParam(name = "state", required = false)
          String state,
      @Parameter(
              description = "1 to 200, default 50",
              schema = @Schema(type = "integer", minimum = "1", maximum = "200"))
          @RequestParam(name = "pageSize", required = false)
          String pageSize,
      @Parameter(description = "nextPageToken of the previous page")
          @RequestParam(name = "pageToken", required = false)
          String pageToken) {
    List<FieldError> errors = new ArrayList<>();
    MismatchState filter = state == null ? null : state(state, errors);
    int limit =
        pageSize == null
            ? DEFAULT_PAGE_SIZE
            : number(pageSize, 1, MAX_PAGE_SIZE, "pageSize", errors);
    long before =
        pageToken == null
            ? Long.MAX_VALUE
            : number(pageToken, 1, Long.MAX_VALUE, "pageToken", errors);
    if (!errors.isEmpty()) {
      throw ApiProblem.validation(errors);
    }
    List<Mismatch> page = store(() -> stores.mismatches().list(filter, limit + 1, before));
    List<MismatchResponse> items = page.stream().limit(limit).map(MismatchResponse::from).toList();
    String next = page.size() > limit ? Long.toString(items.get(limit - 1).id()) : null;
    return new MismatchList(items, next);
  }

  @Operation(summary = "Read one payment mismatch (operator)")
  @GetMapping(BASE + "/mismatches/{id}")
  public MismatchResponse get(@PathVariable("id") String id) {
    long mismatchId = mismatchId(id);
    return MismatchResponse.from(
        store(() -> stores.mismatches().find(mismatchId))
            .orElseThrow(() -> ApiProblem.notFound("No mismatch " + id + ".")));
  }

  @Operation(
      summary = "Close an OPEN mismatch by hand, with a note (operator)",
      description =
          "Body {\"note\": \"what was done\", \"resolvedBy\": \"who\"}; resolvedBy is optional."
              + " Nothing is corrected here: do the correction first (a refund, ...), then record"
              + " it. 409 when the mismatch is not OPEN.")
  @ApiResponse(
      responseCode = "200",
      description = "Resolved: the mismatch.",
      useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "409",
      description = "The mismatch is not OPEN (mismatch-not-open); nothing changed.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  @PostMapping(BASE + "/mismatches/{id}/resolve")
  public MismatchResponse resolve(
      @PathVariable("id") String id, @RequestBody @Valid ResolveBody body) {
    long mismatchId = mismatchId(id);
    String note = body.note();
    String operator = body.resolvedBy() == null ? "operator" : body.resolvedBy();
    MismatchStore.OperatorOutcome outcome =
        store(
            () -> stores.mismatches().resolveByOperator(mismatchId, operator, note, Instant.now()));
    return switch (outcome) {
      case NOT_FOUND -> throw ApiProblem.notFound("No mismatch " + id + ".");
      case NOT_OPEN ->
          throw new ApiProblem(
              ProblemType.MISMATCH_NOT_OPEN, "Mismatch " + id + " is resolved already.");
      case RESOLVED -> get(id);
    };
  }

  @Operation(
      summary = "Run reconciliation now (operator)",
      description =
          "200 with the run's summary (counts per class, what was resolved) when it ends within"
              + " orders.reconciliation.run-timeout; else 202, and the summary is at"
              + " /runs/{runId} once it ends. Running twice is harmless.")
  @ApiResponse(
      responseCode = "200",
      description = "The run ended: its summary.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = ReconciliationSummary.class)))
  @ApiResponse(
      responseCode = "202",
      description = "Still running: its runId; the summary is at the Location once it ends.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = RunAccepted.class)))
  @ApiResponse(
      responseCode = "502",
      description = "The run failed (bad-gateway); the detail says how.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  @PostMapping(BASE + "/runs")
  public ResponseEntity<Object> runNow() {
    ReconciliationRuns.Started started = runs.runNow();
    if (started.summary().isPresent()) {
      return ResponseEntity.ok(started.summary().get());
    }
    return ResponseEntity.accepted()
        .location(URI.create(BASE + "/runs/" + started.runId()))
        .body(new RunAccepted(started.runId(), "RUNNING"));
  }

  @Operation(summary = "Read a finished run's summary (operator)")
  @GetMapping(BASE + "/runs/{runId}")
  public ReconciliationSummary run(@PathVariable("runId") String runId) {
    if (runId.length() > 200) {
      throw ApiProblem.notFound("No finished run " + runId + ".");
    }
    return store(() -> stores.runs().find(runId))
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "No finished run " + runId + "; a run shows here once it ends."));
  }

  private static <T> T store(Supplier<T> call) {
    try {
      return call.get();
    } catch (ReconciliationStoreException e) {
      throw new ApiProblem(
          ProblemType.SERVICE_UNAVAILABLE,
          "The reconciliation store is unavailable; retry later.",
          List.of(),
          e);
    }
  }

  private static long mismatchId(String id) {
    List<FieldError> errors = new ArrayList<>();
    long value = number(id, 1, Long.MAX_VALUE, "id", errors);
    if (!errors.isEmpty()) {
      throw ApiProblem.notFound("No mismatch " + id + ".");
    }
    return value;
  }

  private static MismatchState state(String value, List<FieldError> errors) {
    for (MismatchState s : MismatchState.values()) {
      if (s.name().equals(value)) {
        return s;
      }
    }
    errors.add(
        new FieldError("state", "must be one of " + Arrays.toString(MismatchState.values())));
    return null;
  }

  private static int number(String value, int min, int max, String field, List<FieldError> errors) {
    return (int) number(value, min, (long) max, field, errors);
  }

  private static long number(
      String value, long min, long max, String field, List<FieldError> errors) {
    try {
      long n = Long.parseLong(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
    return min;
  }
}
