package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * On the default stack, an order's Temporal history, read with the {@code temporal} CLI as anyone
 * with access to the server (or a backup of its database) could, holds neither its shipping name
 * nor its card token; an operator reads them through the codec server, and only an operator.
 */
class PayloadEncryptionIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TEMPORAL = Pattern.compile("Temporal +(localhost:\\d+)");

  @Test
  void shouldKeepNoShippingNameNorCardTokenInHistoryButShowThemToAnOperator() throws Exception {
    Path dataDir = TestDirs.create("orders-encryption");
    StackProcess stack = StackProcess.start(dataDir, "encryption", Map.of());
    try {
      String name = "Zelda Secretname " + System.nanoTime();
      String cardToken = "tok_ok";
      ApiClient shop = stack.shop();
      long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
      String body =
          Orders.mixedBody(
                  Orders.CUSTOMER,
                  Catalog.PLENTIFUL_SKU,
                  1,
                  Orders.balance(price - 100),
                  Orders.card(100, cardToken))
              .replace("Hanako Yamada", name);
      ApiClient.Answer placed = shop.post("/api/v1/orders", Orders.newKey(), body);
      assertThat(placed.status()).as(String.valueOf(placed.body())).isIn(201, 202);
      String orderId = placed.body().path("orderId").asText();
      Orders.awaitStatus(shop, orderId, "COMPLETED", Duration.ofSeconds(60));
      Matcher temporal = TEMPORAL.matcher(stack.output());
      assertThat(temporal.find()).isTrue();
      List<String> show =
          List.of("workflow", "show", "--address", temporal.group(1), "-w", "order-" + orderId);

      JsonNode raw = cli(dataDir, show);
      List<String> decoded =
          cli(
                  dataDir,
                  concat(
                      show,
                      "--codec-endpoint",
                      "http://localhost:" + stack.apiPort() + "/codec",
                      "--codec-auth",
                      "Bearer " + StackProcess.OPERATOR_KEY))
              .findValuesAsText("data");

      assertThat(texts(raw)).isNotEmpty().noneMatch(t -> t.contains(name) || t.contains(cardToken));
      assertThat(readable(decoded)).anyMatch(t -> t.contains(name) && t.contains(cardToken));
      assertThat(
              new ApiClient(stack.apiPort(), null)
                  .post("/codec/decode", null, "{\"payloads\":[]}")
                  .status())
          .isEqualTo(401);
    } finally {
      stack.stop();
    }
  }

  /** {@code temporal <args> -o json}, with the CLI the stack uses. */
  private static JsonNode cli(Path dataDir, List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(TemporalCli.fromEnvironment().locate().toString());
    command.addAll(args);
    command.addAll(List.of("-o", "json"));
    Path out = Files.createTempFile(dataDir, "history-", ".json");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(out)).isZero();
    return JSON.readTree(Files.readString(out));
  }

  /** Every text in the history, and every base64 field decoded, as someone reading it would. */
  private static List<String> texts(JsonNode history) {
    List<String> texts = new ArrayList<>();
    collect(history, texts);
    return readable(texts);
  }

  private static void collect(JsonNode node, List<String> texts) {
    if (node.isTextual()) {
      texts.add(node.asText());
    }
    node.forEach(child -> collect(child, texts));
  }

  private static List<String> readable(List<String> texts) {
    List<String> readable = new ArrayList<>(texts);
    for (String text : texts) {
      try {
        readable.add(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notBase64) {
        // Plain text, kept as it is.
      }
    }
    return readable;
  }

  private static List<String> concat(List<String> first, String... more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(more));
    return all;
  }
}
