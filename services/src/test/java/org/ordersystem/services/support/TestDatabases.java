package org.ordersystem.services.support;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.ordersystem.embeddeddb.EmbeddedMariaDb;
import org.ordersystem.services.ServicesConfig;
import org.ordersystem.services.common.ServiceDatabase;

/** Fresh databases on the JVM's shared MariaDB, so test classes never see each other's rows. */
public final class TestDatabases {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String RUN =
      Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);

  private TestDatabases() {}

  /** A URL of a database that does not exist yet; the first connection creates it. */
  public static String freshUrl(String service) {
    return db().jdbcUrl(service + "_" + RUN + "_" + COUNTER.incrementAndGet());
  }

  /** A migrated, seeded pool on a fresh database of {@code service}. */
  public static HikariDataSource freshSeeded(String service) {
    return ServiceDatabase.open(service, freshUrl(service), db().user(), db().password(), true);
  }

  /** A configuration of the services and the provider on fresh databases and free ports. */
  public static ServicesConfig freshConfig(boolean seed) {
    return new ServicesConfig(
        freshUrl("stock"),
        freshUrl("shipping"),
        freshUrl("payment"),
        db().user(),
        db().password(),
        0,
        0,
        0,
        seed,
        0,
        Duration.ofHours(24),
        freshUrl("psp"),
        null);
  }

  private static EmbeddedMariaDb db() {
    return EmbeddedMariaDb.shared();
  }
}
