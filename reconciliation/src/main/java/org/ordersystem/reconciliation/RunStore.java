package org.ordersystem.reconciliation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import javax.sql.DataSource;
import org.ordersystem.workflows.reconciliation.ReconciliationSummary;

/** Each run's summary, kept whole as JSON. */
public final class RunStore {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final DataSource dataSource;

  public RunStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores the summary; a retry of the same run replaces it with the same content. */
  public void record(ReconciliationSummary summary) {
    String json;
    try {
      json = JSON.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialize run " + summary.runId(), e);
    }
    Sql.transaction(
        dataSource,
        c -> {
          try (PreparedStatement upsert =
              Sql.bind(
                  c.prepareStatement(
                      "INSERT INTO recon_runs (run_id, trigger_name, started_at_ms,"
                          + " finished_at_ms, summary) VALUES (?, ?, ?, ?, ?)"
                          + " ON DUPLICATE KEY UPDATE summary = VALUES(summary),"
                          + " finished_at_ms = VALUES(finished_at_ms)"),
                  summary.runId(),
                  summary.trigger(),
                  summary.startedAt().toEpochMilli(),
                  summary.finishedAt().toEpochMilli(),
                  json)) {
            return upsert.executeUpdate();
          }
        });
  }

  public Optional<ReconciliationSummary> find(String runId) {
    String json =
        Sql.read(
            dataSource,
            c -> {
              try (PreparedStatement select =
                  Sql.bind(
                      c.prepareStatement("SELECT summary FROM recon_runs WHERE run_id = ?"),
                      runId)) {
                try (ResultSet rs = select.executeQuery()) {
                  return rs.next() ? rs.getString(1) : null;
                }
              }
            });
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(json, ReconciliationSummary.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable summary of run " + runId, e);
    }
  }
}
