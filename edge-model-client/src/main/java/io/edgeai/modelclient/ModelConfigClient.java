package io.edgeai.modelclient;

import java.net.http.HttpClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** Reads a model version's config (its model.json) from inference-service's config endpoint. */
public class ModelConfigClient {

    private final RestClient http;

    /**
     * A client on {@code builder} (Boot's, so calls carry the internal credential) with the given base URI and
     * timeouts.
     */
    public ModelConfigClient(RestClient.Builder builder, InferenceProperties properties) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
        factory.setReadTimeout(properties.readTimeout());
        this.http = builder.clone().baseUrl(properties.uri().toString()).requestFactory(factory).build();
    }

    /**
     * The config of {@code version}, or of the version inference-service serves now when null.
     *
     * @throws UnknownModelException     when the model or version does not exist
     * @throws ModelUnavailableException when inference-service cannot be asked or sends no readable config
     */
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
        } catch (HttpStatusCodeException e) { // a 5xx is inference-service refusing, not an unreadable body
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
