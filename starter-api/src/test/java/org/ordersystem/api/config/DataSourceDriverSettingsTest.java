package org.ordersystem.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.ApiTestSupport;
import org.ordersystem.mysqlpool.MysqlDriverSettings;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Boot's pool, configured in application.properties, runs the same driver settings as the rest. On
 * the whole API: the pool is Boot's data source auto-configuration, which no web slice has.
 */
class DataSourceDriverSettingsTest extends ApiTestSupport {

  @Autowired DataSource dataSource;

  @Test
  void shouldConfigureBootsPoolWithTheSharedDriverSettings() {
    assertThat(dataSource).isInstanceOf(HikariDataSource.class);
    assertThat(((HikariDataSource) dataSource).getDataSourceProperties())
        .containsExactlyInAnyOrderEntriesOf(MysqlDriverSettings.PROPERTIES);
  }
}
