package org.ordersystem.activities;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.util.List;
import org.ordersystem.readmodel.RecoveryReadModel;
import org.ordersystem.workflows.activities.RecoveryActivities;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.recovery.CandidateQuery;
import org.ordersystem.workflows.recovery.RecoveryCommand;
import org.ordersystem.workflows.recovery.RecoveryOutcome;
import org.ordersystem.workflows.recovery.SweepCandidate;
import org.ordersystem.workflows.recovery.SweepSummary;
import org.ordersystem.workflows.recovery.WorkflowLiveness;

/**
 * The recovery sweep's hands: reads candidates from the read model, tells an order to retry or roll
 * back ({@link PendingOrderUpdates}), and asks the server whether an order's workflow still runs.
 */
public final class RecoveryActivitiesImpl implements RecoveryActivities {

  private final WorkflowClient client;
  private final RecoveryReadModel readModel;
  private final PendingOrderUpdates updates;

  public RecoveryActivitiesImpl(
      WorkflowClient client, RecoveryReadModel readModel, PendingOrderUpdates updates) {
    this.client = client;
    this.readModel = readModel;
    this.updates = updates;
  }

  @Override
  public List<SweepCandidate> findCandidates(CandidateQuery query) {
    return readModel.findCandidates(query);
  }

  @Override
  public RecoveryOutcome recover(RecoveryCommand command) {
    return updates.send(command);
  }

  @Override
  public WorkflowLiveness inspect(String orderId) {
    DescribeWorkflowExecutionRequest request =
        DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(
                WorkflowExecution.newBuilder().setWorkflowId(PlaceOrderRequest.workflowId(orderId)))
            .build();
    try {
      WorkflowExecutionStatus status =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(request)
              .getWorkflowExecutionInfo()
              .getStatus();
      return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
          ? WorkflowLiveness.RUNNING
          : WorkflowLiveness.CLOSED;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return WorkflowLiveness.NOT_FOUND;
      }
      throw e; // the server is unreachable or busy: the attempt fails and is retried
    }
  }

  @Override
  public void recordSweep(SweepSummary summary) {
    readModel.recordSweep(summary);
  }
}
