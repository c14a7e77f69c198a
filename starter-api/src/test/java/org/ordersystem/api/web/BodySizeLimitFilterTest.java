package org.ordersystem.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.config.ApiProperties;
import org.ordersystem.api.problems.ProblemWriter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The body cap holds for chunked bodies, which declare no Content-Length. */
class BodySizeLimitFilterTest {

  private final BodySizeLimitFilter filter =
      new BodySizeLimitFilter(
          new ApiProperties(Duration.ofSeconds(1), 10, 1, 1, Duration.ofSeconds(1)),
          new ProblemWriter(new ObjectMapper()));

  @Test
  void shouldRefuseAChunkedBodyOverTheLimit() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    AtomicReference<Boolean> passed = new AtomicReference<>(false);

    filter.doFilter(chunked("01234567890"), response, (req, res) -> passed.set(true));

    assertThat(passed.get()).isFalse();
    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(response.getContentAsString()).contains("\"status\":413");
  }

  @Test
  void shouldPassAChunkedBodyWithinTheLimitIntact() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();

    filter.doFilter(
        chunked("0123456789"),
        new MockHttpServletResponse(),
        (req, res) ->
            seen.set(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));

    assertThat(seen.get()).isEqualTo("0123456789");
  }

  @Test
  void shouldRefuseByDeclaredLengthWithoutReading() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/orders");
    request.setContent(new byte[11]);
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(request, response, (req, res) -> {});

    assertThat(response.getStatus()).isEqualTo(413);
  }

  private static MockHttpServletRequest chunked(String body) {
    MockHttpServletRequest request =
        new MockHttpServletRequest("POST", "/api/v1/orders") {
          @Override
          public int getContentLength() {
            return -1;
          }

          @Override
          public long getContentLengthLong() {
            return -1;
          }
        };
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    return request;
  }
}
