package org.ordersystem.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ordersystem.bench.chaos.AuditRecords.Account;

/** The run the chaos client keeps in its data directory, to audit it again. */
class ClientRunTest {

  @TempDir Path data;

  private final AuditReader.Snapshot before =
      new AuditReader.Snapshot(
          Map.of("MUG-BLUE", 100L), Map.of("cust-001:BALANCE", new Account(10_000, 0)));

  @Test
  void shouldReadBackThePlacedRunItSaved() throws Exception {
    ClientRun placed =
        new ClientRun(
            1,
            10_000,
            "04253274b732",
            true,
            before,
            List.of(new ClientRecord.Accepted(7, OrderShape.CARD, "o-7", "COMPLETED")),
            List.of("duplicate: key k-3 answered o-3 and o-4"),
            Map.of("refund-accepted", 2L),
            Map.of("psp.outage", 1L),
            Map.of("workers", 1L));
    ClientRun.starting(1, 10_000, "04253274b732", before).save(data);
    placed.save(data);

    assertThat(ClientRun.load(data)).isEqualTo(placed);
    assertThat(data.resolve(ClientRun.FILE + ".tmp")).doesNotExist();
  }

  @Test
  void shouldRefuseARunThatStoppedBeforeItsLastOrder() throws Exception {
    ClientRun.starting(1, 10_000, "04253274b732", before).save(data);

    assertThatThrownBy(() -> ClientRun.load(data))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stopped before its last order");
  }

  @Test
  void shouldRefuseADirectoryWithoutARun() {
    assertThat(Files.exists(data.resolve(ClientRun.FILE))).isFalse();
    assertThatThrownBy(() -> ClientRun.load(data))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no " + ClientRun.FILE);
  }

  @Test
  void shouldTakeAuditOnlyAsTrueOrFalseAndNothingElse() {
    String[] required = {
      "--api=http://localhost:1",
      "--temporal=localhost:2",
      "--db=jdbc:mysql://localhost:3",
      "--data=/tmp/x",
      "--part-command=bench/lib/part"
    };
    assertThat(ChaosOptions.parse(required).auditOnly()).isFalse();
    assertThat(ChaosOptions.parse(plus(required, "--audit-only=true")).auditOnly()).isTrue();
    assertThatThrownBy(() -> ChaosOptions.parse(plus(required, "--audit-only=yes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("true or false");
  }

  private static String[] plus(String[] args, String more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = more;
    return all;
  }
}
