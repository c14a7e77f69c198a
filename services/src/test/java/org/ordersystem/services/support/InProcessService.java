package org.ordersystem.services.support;

import com.zaxxer.hikari.HikariDataSource;
import io.grpc.ManagedChannel;
import io.grpc.ServerBuilder;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.ordersystem.proto.faults.v1.FaultControlServiceGrpc;
import org.ordersystem.proto.faults.v1.FaultControlServiceGrpc.FaultControlServiceBlockingStub;
import org.ordersystem.services.common.ServiceServer;

/**
 * One service over the in-process transport, on a fresh seeded database: the real server, stubs and
 * SQL, without a network port.
 */
public final class InProcessService<S extends ServiceServer> implements AutoCloseable {

  private final HikariDataSource dataSource;
  private final S server;
  private final ManagedChannel channel;

  private InProcessService(HikariDataSource dataSource, S server, ManagedChannel channel) {
    this.dataSource = dataSource;
    this.server = server;
    this.channel = channel;
  }

  public static <S extends ServiceServer> InProcessService<S> start(
      String service, BiFunction<ServerBuilder<?>, DataSource, S> serverFactory) {
    return start(TestDatabases.freshSeeded(service), serverFactory);
  }

  /** Serves a database prepared by the caller; closing the service closes the pool. */
  public static <S extends ServiceServer> InProcessService<S> start(
      HikariDataSource dataSource, BiFunction<ServerBuilder<?>, DataSource, S> serverFactory) {
    String name = InProcessServerBuilder.generateName();
    S server = serverFactory.apply(InProcessServerBuilder.forName(name), dataSource);
    server.start();
    return new InProcessService<>(
        dataSource, server, InProcessChannelBuilder.forName(name).build());
  }

  public ManagedChannel channel() {
    return channel;
  }

  public S server() {
    return server;
  }

  public FaultControlServiceBlockingStub faultControl() {
    return FaultControlServiceGrpc.newBlockingStub(channel);
  }

  /** Runs one SQL update directly on the service's database, for setting up edge cases. */
  public void execute(String sql, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Reads one number from the service's database, or -1 when there is no row. */
  public long queryLong(String sql, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
    dataSource.close();
  }
}
