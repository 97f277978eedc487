package io.edgeai.inference.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.inference.protocol.InferenceController;
import io.edgeai.inference.protocol.ModelMetadataController;
import io.edgeai.inference.repository.ServedVersions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The protocol endpoints' failures as a client of the Open Inference Protocol sees them: the status and the
 * {@code {"error": "..."}} body, never Boot's problem+json (an empty repository, so every model is unknown).
 */
@WebMvcTest({ModelMetadataController.class, InferenceController.class})
@Import(ServedVersions.class)
class InferenceErrorAdviceTest {

    @Autowired
    private MockMvcTester mvc;

    @Test
    void anUnknownModelIsA404WithTheProtocolsErrorBody() {
        assertThat(mvc.get().uri("/v2/models/{model}/versions/{version}", "press-line", "3"))
                .hasStatus(HttpStatus.NOT_FOUND).hasContentType(MediaType.APPLICATION_JSON)
                .bodyJson().extractingPath("$.error").isEqualTo("unknown model 'press-line'");
    }

    @Test
    void anUnreadableInferBodyIsA400SayingWhatIsWrong() {
        assertThat(mvc.post().uri("/v2/models/{model}/infer", "press-line").contentType(MediaType.APPLICATION_JSON)
                .content("{\"inputs\": [{\"name\": \"features\", \"shape\": \"two\"}]}"))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_JSON)
                .bodyJson().extractingPath("$.error").asString().startsWith("invalid request body: ").contains("shape");
    }

    @Test
    void aBodyThatIsNotJsonIsA415AskingForJson() {
        assertThat(mvc.post().uri("/v2/models/{model}/infer", "press-line").contentType(MediaType.TEXT_PLAIN)
                .content("1,2,3"))
                .hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .bodyJson().extractingPath("$.error").isEqualTo("send application/json");
    }
}
