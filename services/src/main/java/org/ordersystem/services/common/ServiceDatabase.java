package org.ordersystem.services.common;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.ordersystem.mysqlpool.MysqlDriverSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a service's connection pool and brings its schema up to date. */
public final class ServiceDatabase {

  private static final Logger log = LoggerFactory.getLogger(ServiceDatabase.class);

  private ServiceDatabase() {}

  /**
   * Opens a pool on {@code jdbcUrl} and migrates it with {@code db/<service>/migration}, plus
   * {@code db/<service>/seed} when {@code seedDemoData} is set.
   *
   * <p>Seeds are repeatable migrations that only insert missing rows: they run after every schema
   * change and never reset a balance or a stock level that orders have moved. A database seeded
   * once and later opened without seeding stays valid.
   */
  public static HikariDataSource open(
      String service, String jdbcUrl, String user, String password, boolean seedDemoData) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(service + "-db");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(10);
    config.setConnectionTimeout(10_000);
    // READ COMMITTED: correctness rests on row locks (conditional UPDATEs, SELECT ... FOR UPDATE)
    // that always act on the latest committed row, not on snapshots. It takes no gap locks, so
    // concurrent inserts of different keys never deadlock each other, and an insert that waited
    // on a duplicate key sees the winner's committed row at once.
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    MysqlDriverSettings.apply(config);
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      migrate(service, dataSource, seedDemoData);
      return dataSource;
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  private static void migrate(String service, HikariDataSource dataSource, boolean seed) {
    List<String> locations = new ArrayList<>();
    locations.add("classpath:db/" + service + "/migration");
    String seedLocation = "db/" + service + "/seed";
    if (seed && ServiceDatabase.class.getClassLoader().getResource(seedLocation) != null) {
      locations.add("classpath:" + seedLocation);
    }
    var result =
        Flyway.configure()
            .dataSource(dataSource)
            .locations(locations.toArray(String[]::new))
            .ignoreMigrationPatterns("*:future", "repeatable:missing")
            .load()
            .migrate();
    log.info(
        "{} schema at version {} ({} migrations applied, demo data {})",
        service,
        result.targetSchemaVersion,
        result.migrationsExecuted,
        seed ? "seeded" : "not seeded");
  }
}
