package org.ordersystem.workers;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ordersystem.workflows.OrderSearchAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the order search attributes ({@link OrderSearchAttributes#NAMES}, all Keyword) in the
 * namespace before the workers run, because a workflow that upserts an unknown attribute fails its
 * workflow tasks until someone registers it.
 *
 * <p>Registration is an operator's right; on a managed cluster a worker may not have it. Then it
 * logs the commands an operator runs once, and carries on: the attributes may exist already.
 */
public final class SearchAttributeRegistration {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistration.class);

  private SearchAttributeRegistration() {}

  /**
   * Adds the order search attributes the namespace lacks.
   *
   * @return whether they are all registered now (false when registration was refused; see the log)
   */
  public static boolean ensure(WorkflowServiceStubs stubs, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      List<String> missing = missing(operator, namespace);
      if (!missing.isEmpty()) {
        add(operator, namespace, missing);
        log.info("Registered search attributes {} (Keyword) in namespace {}", missing, namespace);
      }
      return true;
    } catch (IllegalStateException wrongType) {
      log.error(
          "Order search attributes in namespace {} are unusable: {}. Order workflows will fail"
              + " until an operator removes it and registers it as Keyword.",
          namespace,
          wrongType.getMessage());
      return false;
    } catch (StatusRuntimeException e) {
      log.warn(
          "Could not register the order search attributes in namespace {} ({}). Unless they exist"
              + " already, order workflows cannot record their status for Temporal UI and will"
              + " fail; an operator registers them once with:\n{}",
          namespace,
          e.getStatus(),
          commands(namespace));
      return false;
    } finally {
      operator.shutdown(); // the channel belongs to stubs and stays open
    }
  }

  /** The CLI commands that register every order search attribute, one per line. */
  public static String commands(String namespace) {
    return OrderSearchAttributes.NAMES.stream()
        .map(
            name ->
                "  temporal operator search-attribute create --namespace "
                    + namespace
                    + " --name "
                    + name
                    + " --type Keyword")
        .collect(Collectors.joining("\n"));
  }

  /**
   * The names the namespace lacks; throws IllegalStateException when one has another type. A server
   * that cannot list them (the in-process test server) lacks them all as far as we know: adding one
   * it has is answered ALREADY_EXISTS, see {@link #add}.
   */
  private static List<String> missing(OperatorServiceStubs operator, String namespace) {
    ListSearchAttributesResponse listed;
    try {
      listed =
          operator
              .blockingStub()
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return OrderSearchAttributes.NAMES;
      }
      throw e;
    }
    List<String> missing = new ArrayList<>();
    for (String name : OrderSearchAttributes.NAMES) {
      IndexedValueType type = listed.getCustomAttributesMap().get(name);
      if (type == null) {
        missing.add(name);
      } else if (type != IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD) {
        throw new IllegalStateException(name + " is registered as " + type + ", not Keyword");
      }
    }
    return missing;
  }

  /** One name per call, so a name that exists already does not stop the others. */
  private static void add(OperatorServiceStubs operator, String namespace, List<String> names) {
    for (String name : names) {
      Map<String, IndexedValueType> one = new HashMap<>();
      one.put(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      try {
        operator
            .blockingStub()
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putAllSearchAttributes(one)
                    .build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
          throw e;
        }
      }
    }
  }
}
