package org.ordersystem.api.problems;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ProblemDetail;

/**
 * An expected failure of a request: thrown anywhere, answered by {@link ProblemHandler} as {@code
 * application/problem+json}.
 */
public class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ProblemType problemType;
  private final List<FieldError> errors;
  private final Duration retryAfter;

  public ApiProblem(ProblemType problemType, String detail) {
    this(problemType, detail, List.of(), null);
  }

  public ApiProblem(ProblemType problemType, String detail, List<FieldError> errors) {
    this(problemType, detail, errors, null);
  }

  public ApiProblem(
      ProblemType problemType, String detail, List<FieldError> errors, Throwable cause) {
    this(problemType, detail, errors, cause, null);
  }

  private ApiProblem(
      ProblemType problemType,
      String detail,
      List<FieldError> errors,
      Throwable cause,
      Duration retryAfter) {
    super(detail, cause);
    this.problemType = problemType;
    this.errors = List.copyOf(errors);
    this.retryAfter = retryAfter;
  }

  /**
   * A 429: the request was refused before anything was done with it, and may be sent again as it is
   * after {@code retryAfter}.
   */
  public static ApiProblem tooManyPlacements(String detail, Duration retryAfter) {
    return new ApiProblem(ProblemType.TOO_MANY_PLACEMENTS, detail, List.of(), null, retryAfter);
  }

  /** A 400 listing every field error found. */
  public static ApiProblem validation(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? "1 field is invalid: " + errors.get(0).field()
            : errors.size() + " fields are invalid";
    return new ApiProblem(ProblemType.VALIDATION, detail, errors);
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(ProblemType.NOT_FOUND, detail);
  }

  public ProblemType problemType() {
    return problemType;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** How long the client should wait before retrying, when this problem says so itself. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The problem body; {@code instance} is the request path. */
  public ProblemDetail toProblemDetail(String instance) {
    ProblemDetail problem = Problems.of(problemType, getMessage(), instance);
    if (!errors.isEmpty()) {
      problem.setProperty("errors", errors);
    }
    return problem;
  }
}
