package org.ordersystem.workers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

  @Test
  void shouldAddTheDatabaseToAServerUrl() {
    assertThat(JdbcUrls.forDatabase("jdbc:mysql://db:3306", "orders"))
        .isEqualTo("jdbc:mysql://db:3306/orders?createDatabaseIfNotExist=true");
  }

  @Test
  void shouldReplaceANamedDatabaseAndKeepParameters() {
    assertThat(JdbcUrls.forDatabase("jdbc:mysql://db:3306/other?sslMode=DISABLED", "stock"))
        .isEqualTo("jdbc:mysql://db:3306/stock?sslMode=DISABLED&createDatabaseIfNotExist=true");
  }
}
