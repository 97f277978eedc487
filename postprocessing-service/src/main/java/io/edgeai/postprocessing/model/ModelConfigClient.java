package io.edgeai.postprocessing.model;

import java.net.http.HttpClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** Reads model.json of a model version from inference-service's config endpoint. */
@Component
public class ModelConfigClient {

    private final RestClient http;

    public ModelConfigClient(RestClient.Builder builder, InferenceProperties properties) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
        factory.setReadTimeout(properties.readTimeout());
        this.http = builder.clone().baseUrl(properties.uri().toString()).requestFactory(factory).build();
    }

    /** The model.json of {@code version}, or of the served version when null. */
    public ModelConfig fetch(String model, String version) {
        try {
            ModelConfig config = version == null
                    ? http.get().uri("/v2/models/{m}/config", model).retrieve().body(ModelConfig.class)
                    : http.get().uri("/v2/models/{m}/versions/{v}/config", model, version).retrieve()
                            .body(ModelConfig.class);
            if (config == null) {
                throw new ModelUnavailableException("inference-service sent an empty config for " + model, null);
            }
            return config;
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                throw new UnknownModelException(version == null ? "unknown model " + model
                        : "unknown version " + version + " of model " + model);
            }
            throw new ModelUnavailableException("inference-service refused the config of " + model + ": "
                    + e.getStatusCode(), e);
        } catch (ResourceAccessException e) {
            throw new ModelUnavailableException("inference-service is unreachable for the config of " + model, e);
        } catch (RestClientException e) {
            throw new ModelUnavailableException("inference-service sent an unreadable config for " + model + ": "
                    + e.getMessage(), e);
        }
    }
}
