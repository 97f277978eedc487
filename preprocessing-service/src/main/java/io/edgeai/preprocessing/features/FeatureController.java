package io.edgeai.preprocessing.features;

import io.edgeai.contracts.features.FeatureRequest;
import io.edgeai.contracts.features.FeatureResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The preprocessing API: readings in, an Open Inference Protocol infer request out. */
@RestController
@RequestMapping("/api/v1/preprocessing")
public class FeatureController {

    private final Preprocessor preprocessor;

    public FeatureController(Preprocessor preprocessor) {
        this.preprocessor = preprocessor;
    }

    /**
     * Validates and encodes one reading or a batch; 422 lists every bad field and nothing is encoded. With
     * {@code Cache-Control: no-cache} the served model version is re-checked with inference-service first.
     */
    @PostMapping("/features")
    public FeatureResponse features(@RequestBody FeatureRequest request,
                                    @RequestHeader(value = HttpHeaders.CACHE_CONTROL, required = false)
                                    String cacheControl) {
        return preprocessor.encode(request, cacheControl != null && cacheControl.contains("no-cache"));
    }

    /** Validates only (no window is touched): 200 with the count, or 422 like {@link #features}. */
    @PostMapping("/validate")
    public Map<String, Object> validate(@RequestBody FeatureRequest request) {
        Preprocessor.Validated v = preprocessor.validate(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", v.readings().size());
        body.put("modelName", v.model().name());
        body.put("modelVersion", v.model().version());
        return body;
    }
}
