package org.ordersystem.api.ops;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.ordersystem.api.auth.RequiresRole;
import org.ordersystem.api.auth.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator views of the customers. */
@RestController
@RequiresRole(Role.OPERATOR)
public class CustomerController {

  /** The customers page. */
  public record CustomerList(List<CustomerAccount> items) {}

  private final PaymentAccounts accounts;

  public CustomerController(PaymentAccounts accounts) {
    this.accounts = accounts;
  }

  @Operation(summary = "List customers with their wallet balances (operator)")
  @GetMapping("/api/v1/ops/customers")
  public CustomerList list() {
    return new CustomerList(accounts.listAll());
  }
}
