package org.ordersystem.api.ops;

import org.ordersystem.api.ApiRequests;
import org.ordersystem.api.ApiWebSlice;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The payment service's ops endpoints in a web slice: {@link CustomerController} and {@link
 * LedgerController} on top of {@link ApiWebSlice}, with the payment service's clients ({@link
 * PaymentAccounts}, {@link PaymentLedger}) mocked. One context for every test extending this.
 */
@ApiWebSlice
@Import({CustomerController.class, LedgerController.class})
abstract class OpsSliceSupport extends ApiRequests {

  @MockitoBean protected PaymentAccounts accounts;
  @MockitoBean protected PaymentLedger ledger;
}
