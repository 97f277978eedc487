package io.edgeai.contracts.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.ProblemTypes;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ServletProblemsTest {

    @Test
    void writesValidProblemJsonWhateverTheTextHolds() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        String detail = "quote \" backslash \\ newline \n tab \t bell \u0007 done";

        ServletProblems.write(response, 415, ProblemTypes.VALIDATION, "Unsupported media type", detail, "/a\"b");

        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode body = JsonMapper.builder().build().readTree(response.getContentAsString());
        assertThat(body.get("type").asText()).isEqualTo(ProblemTypes.VALIDATION.toString());
        assertThat(body.get("status").asInt()).isEqualTo(415);
        assertThat(body.get("detail").asText()).isEqualTo(detail);
        assertThat(body.get("instance").asText()).isEqualTo("/a\"b");
    }
}
