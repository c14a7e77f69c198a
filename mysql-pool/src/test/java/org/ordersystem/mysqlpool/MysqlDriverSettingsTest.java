package org.ordersystem.mysqlpool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MysqlDriverSettingsTest {

  @Test
  void shouldSetTheDriverPropertiesOnThePool() {
    HikariConfig config = new HikariConfig();
    config.addDataSourceProperty("connectTimeout", "5000");

    MysqlDriverSettings.apply(config);

    assertThat(config.getDataSourceProperties())
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("connectTimeout", "5000"),
                Map.entry("cachePrepStmts", "true"),
                Map.entry("prepStmtCacheSize", "250"),
                Map.entry("prepStmtCacheSqlLimit", "2048"),
                Map.entry("cacheResultSetMetadata", "true"),
                Map.entry("cacheServerConfiguration", "true"),
                Map.entry("useLocalSessionState", "true"),
                Map.entry("elideSetAutoCommits", "true"),
                Map.entry("maintainTimeStats", "false"),
                Map.entry("rewriteBatchedStatements", "true")))
        .doesNotContainKey("useServerPrepStmts");
  }
}
