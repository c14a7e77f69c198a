package org.ordersystem.api.ops.reconciliation;

import org.ordersystem.reconciliation.ReconciliationSchema;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reconciliation database, beside the read model's unless {@code orders.reconciliation.db-url}
 * says otherwise, with the same credentials. Not a DataSource bean: that would replace Boot's.
 */
@Configuration(proxyBeanMethods = false)
public class ReconciliationConfig {

  @Bean(destroyMethod = "close")
  ReconciliationStores reconciliationStores(
      ReconciliationProperties properties, DataSourceProperties dataSource) {
    String url =
        properties.dbUrl() == null || properties.dbUrl().isBlank()
            ? ReconciliationSchema.urlBeside(dataSource.getUrl())
            : properties.dbUrl();
    return new ReconciliationStores(url, dataSource.getUsername(), dataSource.getPassword());
  }
}
