package org.ordersystem.api.problems;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import org.ordersystem.api.grpc.DownstreamException;
import org.ordersystem.readmodel.ReadModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure of a request into {@code application/problem+json}: the API's own problems,
 * Spring MVC's (405, 415, 404 for unknown paths, unreadable bodies), unavailable dependencies, and
 * anything unexpected, which is logged here and answered without internals.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<Object> handleApiProblem(ApiProblem problem, NativeWebRequest request) {
    ProblemDetail body = problem.toProblemDetail(path(request));
    HttpHeaders headers =
        problem
            .retryAfter()
            .map(ProblemHandler::retryAfter)
            .orElseGet(() -> retryAfter(problem.problemType()));
    return response(body, headers);
  }

  @ExceptionHandler(DownstreamException.class)
  ResponseEntity<Object> handleDownstream(DownstreamException e, NativeWebRequest request) {
    log.warn("{}", e.getMessage());
    ProblemType type =
        e.isUnavailable() ? ProblemType.SERVICE_UNAVAILABLE : ProblemType.BAD_GATEWAY;
    String detail =
        e.isUnavailable()
            ? "The " + e.service() + " service is unavailable; retry later."
            : "The " + e.service() + " service gave an unexpected answer.";
    return response(Problems.of(type, detail, path(request)), retryAfter(type));
  }

  @ExceptionHandler(ReadModelException.class)
  ResponseEntity<Object> handleReadModel(ReadModelException e, NativeWebRequest request) {
    log.warn("order store unavailable: {}", e.getMessage(), e);
    ProblemDetail body =
        Problems.of(
            ProblemType.SERVICE_UNAVAILABLE,
            "The order store is unavailable; retry later.",
            path(request));
    return response(body, retryAfter(ProblemType.SERVICE_UNAVAILABLE));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> handleUnexpected(Exception e, NativeWebRequest request) {
    log.error("unexpected error on {}", path(request), e);
    ProblemDetail body =
        Problems.of(
            ProblemType.INTERNAL, "The request failed unexpectedly; retry later.", path(request));
    return response(body, new HttpHeaders());
  }

  /**
   * A body that cannot be read: malformed JSON, no body, or a value of the wrong type or an unknown
   * field, which Jackson refuses while mapping it onto the body's record. Each is a validation
   * problem at the field it concerns, or at {@code body}.
   */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    FieldError error = new FieldError(FieldErrors.BODY, "malformed JSON");
    if (ex.getMostSpecificCause() instanceof JsonMappingException mapping
        && !(mapping.getCause() instanceof JsonParseException)) {
      error = FieldErrors.of(mapping);
    } else if (ex.getMostSpecificCause() instanceof JsonProcessingException json) {
      JsonLocation at = json.getLocation();
      error =
          new FieldError(
              FieldErrors.BODY,
              at == null
                  ? "malformed JSON: " + json.getOriginalMessage()
                  : "malformed JSON at line %d, column %d: %s"
                      .formatted(at.getLineNr(), at.getColumnNr(), json.getOriginalMessage()));
    } else if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body")) {
      error = new FieldError(FieldErrors.BODY, "a JSON body is required");
    }
    return validation(List.of(error), request);
  }

  /** A {@code @Valid} body broke its constraints: every field error at once. */
  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return validation(FieldErrors.of(ex.getBindingResult()), request);
  }

  private static ResponseEntity<Object> validation(List<FieldError> errors, WebRequest request) {
    ApiProblem problem = ApiProblem.validation(errors);
    return response(problem.toProblemDetail(path(request)), new HttpHeaders());
  }

  /** Every problem Spring builds passes here: complete it and mark it problem+json. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    HttpHeaders writable = new HttpHeaders();
    writable.putAll(headers); // some exceptions hand over read-only headers
    if (body instanceof ProblemDetail problem) {
      Problems.complete(problem, path(request));
      writable.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
    return super.createResponseEntity(body, writable, statusCode, request);
  }

  private static ResponseEntity<Object> response(ProblemDetail body, HttpHeaders headers) {
    headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return ResponseEntity.status(body.getStatus()).headers(headers).body(body);
  }

  private static HttpHeaders retryAfter(ProblemType type) {
    HttpHeaders headers = new HttpHeaders();
    if (type == ProblemType.SERVICE_UNAVAILABLE) {
      headers.set(HttpHeaders.RETRY_AFTER, "1");
    }
    return headers;
  }

  private static HttpHeaders retryAfter(Duration delay) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(delay)));
    return headers;
  }

  /** Retry-After in whole seconds, rounded up and at least 1: 0 would invite an instant retry. */
  static long retryAfterSeconds(Duration delay) {
    return Math.max(1, delay.plusNanos(999_999_999L).getSeconds());
  }

  private static String path(WebRequest request) {
    if (request instanceof NativeWebRequest nativeRequest) {
      HttpServletRequest servlet = nativeRequest.getNativeRequest(HttpServletRequest.class);
      if (servlet != null) {
        return servlet.getRequestURI();
      }
    }
    return "/";
  }
}
