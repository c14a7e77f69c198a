package org.ordersystem.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.api.problems.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every {@code /api/**} request by its bearer key and checks the role the chosen
 * handler requires. Runs after handler mapping, on the same decoded path Spring MVC routed, so the
 * checks cannot disagree with the routing.
 */
@Component
public class ApiKeyInterceptor implements HandlerInterceptor {

  /** Request attribute holding the authenticated {@link Caller}. */
  public static final String CALLER = ApiKeyInterceptor.class.getName() + ".caller";

  private static final String BEARER = "Bearer ";
  private static final String CHALLENGE = "Bearer realm=\"orders-api\"";

  private final ApiKeyRegistry registry;
  private final ProblemWriter problems;

  public ApiKeyInterceptor(ApiKeyRegistry registry, ProblemWriter problems) {
    this.registry = registry;
    this.problems = problems;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws Exception {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
      problems.write(
          request,
          response,
          ProblemType.UNAUTHENTICATED,
          "Send an API key as 'Authorization: Bearer <key>'.");
      return false;
    }
    Optional<Caller> caller = registry.find(header.substring(BEARER.length()).trim());
    if (caller.isEmpty()) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE + ", error=\"invalid_token\"");
      problems.write(request, response, ProblemType.UNAUTHENTICATED, "The API key is not known.");
      return false;
    }
    Role required = requiredRole(handler);
    if (required != null && caller.get().role() != required) {
      problems.write(
          request,
          response,
          ProblemType.FORBIDDEN,
          "This endpoint needs a key with the " + required + " role.");
      return false;
    }
    request.setAttribute(CALLER, caller.get());
    return true;
  }

  private static Role requiredRole(Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return null;
    }
    RequiresRole onMethod = method.getMethodAnnotation(RequiresRole.class);
    if (onMethod != null) {
      return onMethod.value();
    }
    RequiresRole onType = method.getBeanType().getAnnotation(RequiresRole.class);
    return onType == null ? null : onType.value();
  }
}
