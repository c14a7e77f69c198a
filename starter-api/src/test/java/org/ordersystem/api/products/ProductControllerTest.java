package org.ordersystem.api.products;

import static org.mockito.Mockito.when;
import static org.ordersystem.api.ApiFixtures.CATALOG;
import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.grpc.Status;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.ApiRequests;
import org.ordersystem.api.ApiWebSlice;
import org.ordersystem.api.grpc.DownstreamException;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** GET /products for any role, from the stock service: in a web slice with its client mocked. */
@ApiWebSlice
@Import(ProductController.class)
class ProductControllerTest extends ApiRequests {

  @MockitoBean StockCatalog catalog;

  @Test
  void shouldListTheCatalogForShopsAndOperators() throws Exception {
    when(catalog.listAll()).thenReturn(List.of(CATALOG.get("SKU-1")));

    for (String key : List.of(SHOP_KEY, OPERATOR_KEY)) {
      mvc.perform(get("/api/v1/products").header("Authorization", "Bearer " + key))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.items[0].sku").value("SKU-1"))
          .andExpect(jsonPath("$.items[0].name").value("Teapot"))
          .andExpect(jsonPath("$.items[0].unitPrice").value(1200))
          .andExpect(jsonPath("$.items[0].available").value(500));
    }
  }

  @Test
  void shouldAnswer503WhenTheStockServiceIsDown() throws Exception {
    when(catalog.listAll())
        .thenThrow(new DownstreamException("stock", Status.DEADLINE_EXCEEDED.asRuntimeException()));

    assertProblem(
        mvc.perform(get("/api/v1/products").header("Authorization", "Bearer " + SHOP_KEY)), 503);
  }

  @Test
  void shouldAnswer502WhenTheStockServiceAnswersOddly() throws Exception {
    when(catalog.listAll())
        .thenThrow(new DownstreamException("stock", Status.INTERNAL.asRuntimeException()));

    assertProblem(
        mvc.perform(get("/api/v1/products").header("Authorization", "Bearer " + SHOP_KEY)), 502);
  }
}
