package io.edgeai.contracts.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ContentTypeServletFilterTest {

    private final ContentTypeServletFilter filter = new ContentTypeServletFilter();

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", ";;;", "garbage", "application"})
    void aWildcardOrUnparsableContentTypeIs415ProblemJsonNotA500(String header) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/decisions");
        request.addHeader("Content-Type", header);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean passed = new AtomicBoolean();

        filter.doFilter(request, response, chainThatRecords(passed));

        assertThat(passed).isFalse();
        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":415", "Content-Type", "\"instance\":\"/api/v1/decisions\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=UTF-8", "text/csv", "multipart/form-data; boundary=x"})
    void oneConcreteMediaTypeGoesThrough(String header) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v2/models/m/infer");
        request.addHeader("Content-Type", header);
        AtomicBoolean passed = new AtomicBoolean();

        filter.doFilter(request, new MockHttpServletResponse(), chainThatRecords(passed));

        assertThat(passed).isTrue();
    }

    @org.junit.jupiter.api.Test
    void noContentTypeGoesThrough() throws Exception {
        AtomicBoolean passed = new AtomicBoolean();
        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/x"), new MockHttpServletResponse(),
                chainThatRecords(passed));
        assertThat(passed).isTrue();
    }

    @org.junit.jupiter.api.Test
    void theRefusalQuotesTheHeaderSafely() {
        assertThat(ContentTypes.refusal("a\"b\u0001" + "x".repeat(200))).contains("a\"b?").endsWith("...' does not.");
    }

    private static FilterChain chainThatRecords(AtomicBoolean passed) {
        return (req, res) -> passed.set(true);
    }
}
