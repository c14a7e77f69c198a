package org.ordersystem.api.ops.reconciliation;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordersystem.reconciliation.MismatchStore;
import org.ordersystem.reconciliation.ReconciliationStoreException;
import org.ordersystem.reconciliation.RunStore;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.reconciliation.IngestResult;
import org.ordersystem.workflows.reconciliation.InternalRecord;
import org.ordersystem.workflows.reconciliation.Mismatch;
import org.ordersystem.workflows.reconciliation.MismatchClass;
import org.ordersystem.workflows.reconciliation.MismatchState;
import org.ordersystem.workflows.reconciliation.ProviderRecord;
import org.ordersystem.workflows.reconciliation.ProviderState;
import org.ordersystem.workflows.reconciliation.ReconciliationSummary;
import org.springframework.http.MediaType;

/** The ops endpoints of reconciliation: operators only, bad input refused before any change. */
class ReconciliationControllerTest extends ReconciliationSliceSupport {

  static final String BASE = "/api/v1/ops/reconciliation";
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  MismatchStore mismatches;
  RunStore runStore;

  @BeforeEach
  void stores() {
    mismatches = mock(MismatchStore.class);
    runStore = mock(RunStore.class);
    when(stores.mismatches()).thenReturn(mismatches);
    when(stores.runs()).thenReturn(runStore);
  }

  @Test
  void shouldListMismatchesOfAStateWithBothSidesPageByPage() throws Exception {
    when(mismatches.list(MismatchState.OPEN, 3, Long.MAX_VALUE))
        .thenReturn(
            List.of(
                mismatch(9, MismatchState.OPEN),
                mismatch(8, MismatchState.OPEN),
                mismatch(7, MismatchState.OPEN)));

    perform(OPERATOR_KEY, get(BASE + "/mismatches?state=OPEN&pageSize=2"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items.length()").value(2))
        .andExpect(jsonPath("$.items[0].id").value(9))
        .andExpect(jsonPath("$.items[0].mismatchClass").value("MISSING_INTERNAL"))
        .andExpect(jsonPath("$.items[0].orderId").value("order-9"))
        .andExpect(jsonPath("$.items[0].provider.charged").value(5000))
        .andExpect(jsonPath("$.items[0].ours.held").value(5000))
        .andExpect(
            jsonPath("$.items[0].summary")
                .value(org.hamcrest.Matchers.containsString("MISSING_INTERNAL")))
        .andExpect(jsonPath("$.nextPageToken").value("8"));
  }

  @Test
  void shouldRefuseABadFilterWithAProblemAndReadNothing() throws Exception {
    assertProblem(perform(OPERATOR_KEY, get(BASE + "/mismatches?state=CLOSED&pageSize=0")), 400);
    perform(OPERATOR_KEY, get(BASE + "/mismatches?state=CLOSED&pageSize=0"))
        .andExpect(jsonPath("$.errors.length()").value(2));
    verify(mismatches, never()).list(any(), anyInt(), anyLong());
  }

  @Test
  void shouldResolveAnOpenMismatchWithTheOperatorsNote() throws Exception {
    when(mismatches.resolveByOperator(eq(9L), eq("hanako"), eq("refunded by phone"), any()))
        .thenReturn(MismatchStore.OperatorOutcome.RESOLVED);
    when(mismatches.find(9))
        .thenReturn(Optional.of(mismatch(9, MismatchState.RESOLVED_BY_OPERATOR)));

    perform(
            OPERATOR_KEY,
            post(BASE + "/mismatches/9/resolve")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"note\": \"refunded by phone\", \"resolvedBy\": \"hanako\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("RESOLVED_BY_OPERATOR"));
  }

  @Test
  void shouldRefuseAResolveWithoutANoteOrOfAClosedOrUnknownMismatch() throws Exception {
    assertProblem(resolve("9", "{}"), 400);
    assertProblem(resolve("9", "{\"note\": \" \"}"), 400);
    assertProblem(resolve("9", "{\"note\": \"x\", \"extra\": 1}"), 400);
    verify(mismatches, never()).resolveByOperator(anyLong(), anyString(), anyString(), any());

    when(mismatches.resolveByOperator(eq(9L), anyString(), anyString(), any()))
        .thenReturn(MismatchStore.OperatorOutcome.NOT_OPEN);
    assertProblem(resolve("9", "{\"note\": \"x\"}"), 409);
    when(mismatches.resolveByOperator(eq(10L), anyString(), anyString(), any()))
        .thenReturn(MismatchStore.OperatorOutcome.NOT_FOUND);
    assertProblem(resolve("10", "{\"note\": \"x\"}"), 404);
    assertProblem(resolve("abc", "{\"note\": \"x\"}"), 404);
  }

  @Test
  void shouldRunNowAndAnswerCountsPerClass() throws Exception {
    ReconciliationSummary summary =
        new ReconciliationSummary(
            "reconciliation-manual-1",
            "manual",
            T0,
            T0.plusSeconds(2),
            new IngestResult(6, 3, 3, 1, true),
            4,
            Map.of(MismatchClass.MISSING_INTERNAL, 2, MismatchClass.EXPECTED, 1),
            2,
            1,
            0,
            List.of());
    when(runs.runNow())
        .thenReturn(new ReconciliationRuns.Started(summary.runId(), Optional.of(summary)));

    perform(OPERATOR_KEY, post(BASE + "/runs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.classes.MISSING_INTERNAL").value(2))
        .andExpect(jsonPath("$.classes.EXPECTED").value(1))
        .andExpect(jsonPath("$.autoResolved").value(2))
        .andExpect(jsonPath("$.events.duplicates").value(3));
  }

  @Test
  void shouldAnswer202WhenTheRunOutlastsTheWait() throws Exception {
    when(runs.runNow())
        .thenReturn(new ReconciliationRuns.Started("reconciliation-manual-2", Optional.empty()));

    perform(OPERATOR_KEY, post(BASE + "/runs"))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", BASE + "/runs/reconciliation-manual-2"))
        .andExpect(jsonPath("$.status").value("RUNNING"));
    when(runStore.find("reconciliation-manual-2")).thenReturn(Optional.empty());
    assertProblem(perform(OPERATOR_KEY, get(BASE + "/runs/reconciliation-manual-2")), 404);
  }

  @Test
  void shouldBeForOperatorsOnly() throws Exception {
    assertProblem(perform(SHOP_KEY, get(BASE + "/mismatches")), 403);
    assertProblem(perform(SHOP_KEY, post(BASE + "/runs")), 403);
    verifyNoInteractions(runs, mismatches);
  }

  @Test
  void shouldAnswer503WhenTheStoreIsAway() throws Exception {
    when(mismatches.list(any(), anyInt(), anyLong()))
        .thenThrow(new ReconciliationStoreException("down", new java.sql.SQLException("gone")));

    assertProblem(perform(OPERATOR_KEY, get(BASE + "/mismatches")), 503);
  }

  private org.springframework.test.web.servlet.ResultActions resolve(String id, String body)
      throws Exception {
    return perform(
        OPERATOR_KEY,
        post(BASE + "/mismatches/" + id + "/resolve")
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  private static Mismatch mismatch(long id, MismatchState state) {
    return new Mismatch(
        id,
        "order-" + id + ":1",
        "order-" + id,
        "1",
        MismatchClass.MISSING_INTERNAL,
        state,
        new ProviderRecord("auth_1", ProviderState.CAPTURED, 5_000, 5_000, 0, 2, T0),
        new InternalRecord(LegState.AUTHORIZED, 5_000, 0, "auth_1", T0),
        null,
        null,
        null,
        T0,
        T0,
        null,
        null);
  }
}
