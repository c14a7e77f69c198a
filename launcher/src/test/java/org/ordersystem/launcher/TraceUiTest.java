package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TraceUiTest {

  @Test
  void shouldSearchZipkinsUiByTheOrderTagOverEverythingItHolds() {
    URI search =
        URI.create(
            TraceUi.orderSearchUrl("http://localhost:9411/zipkin/").replace("{orderId}", "o-1"));

    assertThat(search.getPath()).isEqualTo("/zipkin/");
    Map<String, String> params =
        Arrays.stream(search.getRawQuery().split("&"))
            .map(p -> p.split("=", 2))
            .collect(
                Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    // Zipkin's UI searches only with a window (lookback and its end) and a limit in the URL.
    assertThat(params)
        .containsEntry("annotationQuery", "order.id=o-1")
        .containsEntry("lookback", "millis")
        .containsKeys("millis", "endTs", "limit");
    assertThat(Long.parseLong(params.get("endTs")))
        .isGreaterThan(System.currentTimeMillis())
        .isEqualTo(Long.parseLong(params.get("millis")));
  }
}
