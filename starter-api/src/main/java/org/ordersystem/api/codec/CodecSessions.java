package org.ordersystem.api.codec;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ordersystem.api.auth.Caller;
import org.springframework.stereotype.Component;

/**
 * Operators' sessions with the codec server, for Temporal UI: a browser cannot send our API key
 * with the UI's codec requests, but it sends a cookie of the same site when the UI is told to
 * include credentials. Kept in memory: a restart of the API signs everyone out.
 */
@Component
public class CodecSessions {

  /** How long a session lasts: a working day. */
  static final Duration LIFETIME = Duration.ofHours(8);

  private record Session(Caller operator, Instant expiresAt) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  public CodecSessions() {
    this(Clock.systemUTC());
  }

  CodecSessions(Clock clock) {
    this.clock = clock;
  }

  /** Opens a session for the operator; the token goes into an HttpOnly cookie. */
  String open(Caller operator) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    sessions.values().removeIf(s -> s.expiresAt().isBefore(now));
    sessions.put(token, new Session(operator, now.plus(LIFETIME)));
    return token;
  }

  /** The operator of a session that is still open. */
  Optional<Caller> find(String token) {
    Session session = token == null ? null : sessions.get(token);
    if (session == null || session.expiresAt().isBefore(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(session.operator());
  }
}
