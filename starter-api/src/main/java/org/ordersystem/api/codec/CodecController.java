package org.ordersystem.api.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.swagger.v3.oas.annotations.Hidden;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.ordersystem.api.auth.ApiKeyRegistry;
import org.ordersystem.api.auth.Caller;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.api.problems.Problems;
import org.ordersystem.payloadcodec.PayloadEncryption;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec protocol, so that operators read decrypted payloads in Temporal UI and
 * with {@code temporal workflow show --codec-endpoint}: {@code POST /codec/decode} and {@code
 * /codec/encode} take and answer {@code {"payloads": [...]}} in protobuf JSON. Only operators: an
 * operator's API key as {@code Authorization: Bearer <key>}, or the session cookie that {@code POST
 * /codec/session} sets for a browser. Not part of the shop API, so not in its OpenAPI document.
 */
@Hidden
@RestController
@RequestMapping("/codec")
public class CodecController {

  static final String SESSION_COOKIE = "orders-codec-session";
  private static final String BEARER = "Bearer ";

  private final Optional<PayloadCodec> codec;
  private final ApiKeyRegistry keys;
  private final CodecSessions sessions;

  public CodecController(
      PayloadEncryption encryption, ApiKeyRegistry keys, CodecSessions sessions) {
    this.codec = encryption.codec().map(PayloadCodec.class::cast);
    this.keys = keys;
    this.sessions = sessions;
  }

  @PostMapping(path = "/decode", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> decode(HttpServletRequest request, @RequestBody String body) {
    return apply(request, body, payloads -> codec.map(c -> c.decode(payloads)).orElse(payloads));
  }

  @PostMapping(path = "/encode", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> encode(HttpServletRequest request, @RequestBody String body) {
    return apply(request, body, payloads -> codec.map(c -> c.encode(payloads)).orElse(payloads));
  }

  /** Opens a browser session for the operator whose key is the bearer token. */
  @PostMapping("/session")
  ResponseEntity<?> openSession(HttpServletRequest request) {
    Optional<Caller> operator = bearer(request).flatMap(this::operatorOf);
    if (operator.isEmpty()) {
      return refused(request);
    }
    ResponseCookie cookie =
        ResponseCookie.from(SESSION_COOKIE, sessions.open(operator.get()))
            .httpOnly(true)
            .sameSite("Lax")
            .path("/codec")
            .maxAge(CodecSessions.LIFETIME)
            .build();
    return ResponseEntity.ok()
        .header(HttpHeaders.SET_COOKIE, cookie.toString())
        .contentType(MediaType.TEXT_PLAIN)
        .body(
            "Signed in to the codec server as "
                + operator.get().name()
                + " for "
                + CodecSessions.LIFETIME.toHours()
                + " hours. In Temporal UI's codec server settings, tick 'Include cross-origin"
                + " credentials'.\n");
  }

  /** A sign-in page for a browser: it sends the key as a bearer token, never in a URL or form. */
  @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
  String loginPage() {
    return """
        <!doctype html><meta charset="utf-8"><title>Codec server sign-in</title>
        <h1>Read decrypted payloads in Temporal UI</h1>
        <form id="f"><label>Operator API key <input id="k" type="password" autofocus></label>
        <button>Sign in</button></form><p id="r"></p>
        <script>
        document.getElementById('f').onsubmit = async (e) => {
          e.preventDefault();
          const key = document.getElementById('k').value;
          const answer = await fetch('/codec/session',
              {method: 'POST', headers: {Authorization: 'Bearer ' + key}});
          document.getElementById('r').textContent = await answer.text();
        };
        </script>
        """;
  }

  private ResponseEntity<?> apply(
      HttpServletRequest request,
      String body,
      UnaryOperator<List<io.temporal.api.common.v1.Payload>> codecStep) {
    if (caller(request).isEmpty()) {
      return refused(request);
    }
    Payloads.Builder payloads = Payloads.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(body, payloads);
      Payloads answer =
          Payloads.newBuilder().addAllPayloads(codecStep.apply(payloads.getPayloadsList())).build();
      return ResponseEntity.ok()
          .contentType(MediaType.APPLICATION_JSON)
          .body(JsonFormat.printer().print(answer));
    } catch (InvalidProtocolBufferException | PayloadCodecException e) {
      return problem(
          request, ProblemType.VALIDATION, "Not payloads this codec can read: " + e.getMessage());
    }
  }

  /** An operator, by bearer key or by session cookie. */
  private Optional<Caller> caller(HttpServletRequest request) {
    return bearer(request)
        .flatMap(this::operatorOf)
        .or(() -> sessionToken(request).flatMap(sessions::find));
  }

  private Optional<Caller> operatorOf(String key) {
    return keys.find(key.trim()).filter(Caller::isOperator);
  }

  private static Optional<String> bearer(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        ? Optional.of(header.substring(BEARER.length()))
        : Optional.empty();
  }

  private static Optional<String> sessionToken(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    return cookies == null
        ? Optional.empty()
        : Arrays.stream(cookies)
            .filter(c -> SESSION_COOKIE.equals(c.getName()))
            .map(Cookie::getValue)
            .findFirst();
  }

  private static ResponseEntity<?> refused(HttpServletRequest request) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"orders-codec\"")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(
            Problems.of(
                ProblemType.UNAUTHENTICATED,
                "The codec server needs an operator: send 'Authorization: Bearer <operator key>',"
                    + " or sign in at /codec/login.",
                request.getRequestURI()));
  }

  private static ResponseEntity<?> problem(
      HttpServletRequest request, ProblemType type, String detail) {
    return ResponseEntity.status(type.status())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.of(type, detail, request.getRequestURI()));
  }
}
