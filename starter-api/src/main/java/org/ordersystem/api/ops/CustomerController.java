package org.ordersystem.api.ops;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.ordersystem.api.auth.RequiresRole;
import org.ordersystem.api.auth.Role;
import org.ordersystem.api.config.CallsServices;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.web.CustomerIds;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Operator views of the customers. */
@CallsServices
@RestController
@RequiresRole(Role.OPERATOR)
public class CustomerController {

  /** The customers page. */
  public record CustomerList(List<CustomerAccount> items) {}

  private final PaymentAccounts accounts;

  public CustomerController(PaymentAccounts accounts) {
    this.accounts = accounts;
  }

  @Operation(summary = "List customers with their wallet balances and points (operator)")
  @GetMapping("/api/v1/ops/customers")
  public CustomerList list() {
    return new CustomerList(accounts.listAll());
  }

  @Operation(
      summary = "Read a customer's balance and points (operator)",
      description =
          "Available, pending and posted amounts of the wallet (JPY) and of the points. 404 for"
              + " a customer the payment service does not know.")
  @GetMapping("/api/v1/ops/customers/{customerId}/accounts")
  public AccountBalances accounts(
      @Parameter(description = "1 to 64 of A-Z a-z 0-9 . _ : @ -", example = "cust-001")
          @PathVariable("customerId")
          String customerId) {
    String notFound = "No customer " + customerId + ".";
    if (!CustomerIds.isValid(customerId)) {
      throw ApiProblem.notFound(notFound); // cannot exist; not worth a call
    }
    return accounts.find(customerId).orElseThrow(() -> ApiProblem.notFound(notFound));
  }
}
