package org.ordersystem.services.common;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.ordersystem.proto.ServiceErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a mutating rpc at most once per idempotency key, against the service's {@code
 * idempotency_keys} table.
 *
 * <p>The key row is inserted first, in the same local transaction as the business effect, and
 * carries the response when that transaction commits: the effect and its record commit together or
 * not at all. A concurrent call with the same key blocks on that row's lock inside its own insert,
 * gets a duplicate key once the first commits, and replays the stored outcome; if the first rolls
 * back, the second simply runs. A business failure (FAILED_PRECONDITION, NOT_FOUND) rolls the
 * effect back and is then recorded in a transaction of its own, so a replay fails the same way even
 * if stock or funds changed meanwhile. Malformed requests are refused before this point and never
 * recorded, as Stripe does, so a corrected request may reuse the key.
 */
public final class IdempotentExecutor {

  private static final Logger log = LoggerFactory.getLogger(IdempotentExecutor.class);
  private static final int MAX_ATTEMPTS = 5;
  private static final int IN_PROGRESS = -1;
  private static final Set<Status.Code> RECORDED_FAILURES =
      EnumSet.of(
          Status.Code.FAILED_PRECONDITION,
          Status.Code.NOT_FOUND,
          Status.Code.INVALID_ARGUMENT,
          Status.Code.OUT_OF_RANGE);

  private final DataSource dataSource;

  public IdempotentExecutor(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Runs {@code work} in a transaction unless {@code key} was seen before, in which case the first
   * outcome is returned (or thrown) again.
   *
   * @param key the caller's idempotency key, already validated
   * @param request the whole request: its bytes decide whether a replay carries the same
   *     parameters, and its type names the operation
   * @param parser reads a stored response back
   * @param work the business effect; throws {@link StatusRuntimeException} for business failures
   */
  public <R extends Message> R execute(
      String key, Message request, Parser<R> parser, SqlWork<R> work) {
    String operation = request.getDescriptorForType().getFullName();
    byte[] hash = hash(request);
    for (int attempt = 1; ; attempt++) {
      try {
        return attempt(key, operation, hash, parser, work);
      } catch (SQLException e) {
        if (attempt < MAX_ATTEMPTS && Jdbc.isRaceLost(e)) {
          log.debug("{} {} lost a race (attempt {}), running again", operation, key, attempt, e);
          continue;
        }
        throw Jdbc.toStatus(e);
      }
    }
  }

  /**
   * The outcome recorded under {@code key}, replayed (or thrown) as {@link #execute} would, or
   * empty when the key is new. Lets a caller skip a side effect outside the database, such as a
   * call to a payment provider, on a replay; {@link #execute} still settles a concurrent first
   * call.
   */
  public <R extends Message> Optional<R> recorded(String key, Message request, Parser<R> parser) {
    String operation = request.getDescriptorForType().getFullName();
    byte[] hash = hash(request);
    return Jdbc.read(dataSource, c -> find(c, key))
        .filter(stored -> stored.statusCode() != IN_PROGRESS)
        .map(stored -> replay(stored, key, operation, hash, parser));
  }

  private <R extends Message> R attempt(
      String key, String operation, byte[] hash, Parser<R> parser, SqlWork<R> work)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Optional<StoredOutcome> stored = claim(connection, key, operation, hash);
        if (stored.isPresent()) {
          connection.rollback();
          return replay(stored.get(), key, operation, hash, parser);
        }
        R response;
        try {
          response = work.run(connection);
        } catch (StatusRuntimeException e) {
          if (!RECORDED_FAILURES.contains(e.getStatus().getCode())) {
            throw e;
          }
          connection.rollback();
          return recordFailure(connection, key, operation, hash, e, parser);
        }
        saveResponse(connection, key, response);
        connection.commit();
        return response;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection);
        throw e;
      }
    }
  }

  /** Inserts the key row, or returns the outcome stored under the key by an earlier call. */
  private static Optional<StoredOutcome> claim(
      Connection connection, String key, String operation, byte[] hash) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO idempotency_keys (idempotency_key, operation, request_hash, status_code)"
                + " VALUES (?, ?, ?, ?)")) {
      insert.setString(1, key);
      insert.setString(2, operation);
      insert.setBytes(3, hash);
      insert.setInt(4, IN_PROGRESS);
      insert.executeUpdate();
      return Optional.empty();
    } catch (SQLException e) {
      if (!Jdbc.isDuplicateKey(e)) {
        throw e;
      }
      return Optional.of(load(connection, key));
    }
  }

  private static <R extends Message> R recordFailure(
      Connection connection,
      String key,
      String operation,
      byte[] hash,
      StatusRuntimeException failure,
      Parser<R> parser)
      throws SQLException {
    Status status = failure.getStatus();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO idempotency_keys (idempotency_key, operation, request_hash,"
                + " status_code, status_description, response) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, key);
      insert.setString(2, operation);
      insert.setBytes(3, hash);
      insert.setInt(4, status.getCode().value());
      insert.setString(5, status.getDescription());
      // A refusal keeps its whole status, reason included, so a replay answers it unchanged.
      insert.setBytes(6, ServiceErrors.toBytes(failure));
      insert.executeUpdate();
      connection.commit();
    } catch (SQLException e) {
      if (!Jdbc.isDuplicateKey(e)) {
        throw e;
      }
      // A concurrent call with the same key committed between our rollback and this insert:
      // its outcome is the one on record, so it is the one to answer with.
      StoredOutcome winner = load(connection, key);
      connection.rollback();
      return replay(winner, key, operation, hash, parser);
    }
    throw failure;
  }

  private static void saveResponse(Connection connection, String key, Message response)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE idempotency_keys SET status_code = 0, response = ?"
                + " WHERE idempotency_key = ?")) {
      update.setBytes(1, response.toByteArray());
      update.setString(2, key);
      update.executeUpdate();
    }
  }

  private static StoredOutcome load(Connection connection, String key) throws SQLException {
    // When the row we collided with was deleted since, losing this race means running again.
    return find(connection, key)
        .orElseThrow(() -> new SQLException("idempotency key vanished: " + key, "40001"));
  }

  private static Optional<StoredOutcome> find(Connection connection, String key)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT operation, request_hash, status_code, status_description, response"
                + " FROM idempotency_keys WHERE idempotency_key = ?")) {
      select.setString(1, key);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new StoredOutcome(
                rs.getString(1), rs.getBytes(2), rs.getInt(3), rs.getString(4), rs.getBytes(5)));
      }
    }
  }

  private static <R extends Message> R replay(
      StoredOutcome stored, String key, String operation, byte[] hash, Parser<R> parser) {
    if (!stored.operation().equals(operation) || !Arrays.equals(stored.requestHash(), hash)) {
      throw FailureReason.IDEMPOTENCY_CONFLICT.exception(
          "key " + key + " was first used with other parameters");
    }
    if (stored.statusCode() == Status.Code.OK.value()) {
      try {
        return parser.parseFrom(stored.response());
      } catch (InvalidProtocolBufferException e) {
        throw Status.INTERNAL
            .withDescription("STORED_RESPONSE_UNREADABLE: key " + key)
            .withCause(e)
            .asRuntimeException();
      }
    }
    if (stored.statusCode() == IN_PROGRESS) {
      // Never committed in this state; kept as a guard should the schema ever allow it.
      throw Status.UNAVAILABLE
          .withDescription("IN_PROGRESS: key " + key + " is still being processed")
          .asRuntimeException();
    }
    if (stored.response() != null) {
      try {
        throw ServiceErrors.fromBytes(stored.response());
      } catch (InvalidProtocolBufferException e) {
        throw Status.INTERNAL
            .withDescription("stored refusal unreadable: key " + key)
            .withCause(e)
            .asRuntimeException();
      }
    }
    throw legacyRefusal(stored);
  }

  /**
   * A refusal recorded before refusals kept their whole status: its description opened with the
   * reason, {@code REASON: detail}, which is read back once here, the only place that knows that
   * old format.
   */
  private static StatusRuntimeException legacyRefusal(StoredOutcome stored) {
    Status.Code code = Status.fromCodeValue(stored.statusCode()).getCode();
    String description = stored.statusDescription() == null ? "" : stored.statusDescription();
    int colon = description.indexOf(':');
    String reason = colon > 0 ? description.substring(0, colon) : "";
    if (!reason.matches("[A-Z][A-Z_]*")) {
      return Status.fromCode(code).withDescription(description).asRuntimeException();
    }
    return ServiceErrors.error(code, reason, description.substring(colon + 1).strip());
  }

  /** SHA-256 of the request's deterministic encoding (field order fixed, maps sorted). */
  static byte[] hash(Message request) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.useDeterministicSerialization();
      request.writeTo(out);
      out.flush();
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(request.getDescriptorForType().getFullName().getBytes(StandardCharsets.UTF_8));
      return digest.digest(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      log.warn("Rollback failed; the pool discards the connection", e);
    }
  }

  private record StoredOutcome(
      String operation,
      byte[] requestHash,
      int statusCode,
      String statusDescription,
      byte[] response) {}
}
