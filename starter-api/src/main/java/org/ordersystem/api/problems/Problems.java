package org.ordersystem.api.problems;

import java.net.URI;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problems that always carry type, title, status, detail and instance. */
public final class Problems {

  private Problems() {}

  public static ProblemDetail of(ProblemType type, String detail, String instance) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
    problem.setType(type.type());
    problem.setTitle(type.title());
    problem.setInstance(uri(instance));
    return problem;
  }

  /** Fills what Spring's own problems may leave out, so every problem has the same members. */
  public static ProblemDetail complete(ProblemDetail problem, String instance) {
    if (problem.getTitle() == null) {
      problem.setTitle("Error");
    }
    if (problem.getDetail() == null) {
      problem.setDetail(problem.getTitle());
    }
    if (problem.getInstance() == null) {
      problem.setInstance(uri(instance));
    }
    return problem;
  }

  // The servlet path is already URI-encoded; anything odd left in it must not turn a problem into
  // a 500.
  private static URI uri(String path) {
    try {
      return URI.create(path == null || path.isEmpty() ? "/" : path);
    } catch (IllegalArgumentException e) {
      return URI.create("/");
    }
  }
}
