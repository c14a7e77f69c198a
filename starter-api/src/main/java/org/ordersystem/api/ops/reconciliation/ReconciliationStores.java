package org.ordersystem.api.ops.reconciliation;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.ordersystem.mysqlpool.MysqlDriverSettings;
import org.ordersystem.reconciliation.MismatchStore;
import org.ordersystem.reconciliation.ReconciliationSchema;
import org.ordersystem.reconciliation.RunStore;

/**
 * The reconciliation database for the ops endpoints: its own small pool, which connects and
 * migrates on first use, so the API starts (and answers 503 there) while the database is away.
 */
public class ReconciliationStores implements AutoCloseable {

  private final HikariDataSource dataSource;
  private volatile boolean migrated;

  public ReconciliationStores(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("reconciliation-api");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    config.setInitializationFailTimeout(-1);
    MysqlDriverSettings.apply(config);
    this.dataSource = new HikariDataSource(config);
  }

  public MismatchStore mismatches() {
    migrate();
    return new MismatchStore(dataSource);
  }

  public RunStore runs() {
    migrate();
    return new RunStore(dataSource);
  }

  /** The workers migrate too; Flyway's lock makes concurrent first uses safe. */
  private void migrate() {
    if (!migrated) {
      synchronized (this) {
        if (!migrated) {
          ReconciliationSchema.migrate(dataSource);
          migrated = true;
        }
      }
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
